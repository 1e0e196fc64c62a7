import java.lang.reflect.Field;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * DynamoDB Local, listening on 127.0.0.1 only. Its own main class binds every interface and has no
 * option to do otherwise; this one builds the same server from the same command line, sets the host
 * of its Jetty connector to loopback, then starts it. If DynamoDB Local's insides ever change so that
 * this cannot be done, it fails (an exception, exit code 1) instead of listening on every interface.
 *
 * The .class file beside this one is this source compiled by
 * `javac --release 17 -cp DynamoDBLocal.jar:DynamoDBLocal_lib/jetty-server-*.jar`; a unit test
 * compiles it again and checks the two are the same bytes.
 */
public final class LoopbackDynamoDbLocal {
  private static final String LOOPBACK = "127.0.0.1";

  public static void main(String[] args) throws Exception {
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Server server = (Server) field.get(proxy);
    Connector[] connectors = server.getConnectors();
    if (connectors.length == 0) throw new IllegalStateException("DynamoDB Local has no connector to bind");
    for (Connector connector : connectors) ((ServerConnector) connector).setHost(LOOPBACK);
    proxy.start();
  }
}
