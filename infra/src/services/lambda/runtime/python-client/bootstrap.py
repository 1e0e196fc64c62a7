# Over 400 lines on purpose: the Python runtime client is one script, started as `python3 -u bootstrap.py`
# in each execution environment; kept whole so that an environment needs no package besides it.
"""Runtime interface client for Python functions of the local cloud.

Started as `python3 -u bootstrap.py` inside each execution environment. It speaks the Lambda
Runtime API over one persistent HTTP/1.1 connection and reproduces what AWS's Python runtime
shows a function: handler resolution and its errors, the context object, the root logger's
format and level, error bodies and logs. Standard library only.
"""

import decimal
import http.client
import importlib
import json
import logging
import math
import os
import sys
import threading
import time
import traceback
import uuid

RUNTIME_PATH = "/2018-06-01/runtime"
ERROR_TYPE_HEADER = "Lambda-Runtime-Function-Error-Type"
LOG_FRAME_TYPE = (0xA55A0003).to_bytes(4, "big")
# AWS indents the traceback lines of its error record with no-break spaces.
ERROR_LOG_INDENT = "\u00a0"
UNHANDLED_EXCEPTION_WARNING = (
    "LAMBDA_WARNING: Unhandled exception. The most likely cause is an issue in the function code. "
    "However, in rare cases, a Lambda runtime update can cause unexpected function behavior. "
    "For functions using managed runtimes, runtime updates can be triggered by a function change, "
    "or can be applied automatically. To determine if the runtime has been updated, check the "
    "runtime version in the INIT_START log entry. If this error correlates with a change in the "
    "runtime version, you may be able to mitigate this error by temporarily rolling back to the "
    "previous runtime version. For more information, see "
    "https://docs.aws.amazon.com/lambda/latest/dg/runtimes-update.html"
)

_current_request_id = None


class FaultException(Exception):
    """A failure the runtime reports with its own `Runtime.*` error type."""

    MARSHAL_ERROR = "Runtime.MarshalError"
    UNMARSHAL_ERROR = "Runtime.UnmarshalError"
    USER_CODE_SYNTAX_ERROR = "Runtime.UserCodeSyntaxError"
    HANDLER_NOT_FOUND = "Runtime.HandlerNotFound"
    IMPORT_MODULE_ERROR = "Runtime.ImportModuleError"
    BUILT_IN_MODULE_CONFLICT = "Runtime.BuiltInModuleConflict"
    MALFORMED_HANDLER_NAME = "Runtime.MalformedHandlerName"
    LAMBDA_CONTEXT_UNMARSHAL_ERROR = "Runtime.LambdaContextUnmarshalError"

    def __init__(self, exception_type, msg, trace=None):
        super().__init__(msg)
        self.exception_type = exception_type
        self.msg = msg
        self.trace = trace


# --- Log sinks -------------------------------------------------------------------------------


class TelemetryLogSink:
    """Frames on `_LAMBDA_TELEMETRY_LOG_FD`; written synchronously so the platform has an
    invocation's records before it sees the invocation's response."""

    def __init__(self, fd):
        self.fd = fd
        self.lock = threading.Lock()

    def log(self, message):
        payload = message.encode("utf-8")
        timestamp = time.time_ns() // 1000
        frame = LOG_FRAME_TYPE + len(payload).to_bytes(4, "big") + timestamp.to_bytes(8, "big") + payload
        with self.lock:
            view = memoryview(frame)
            while view:
                view = view[os.write(self.fd, view) :]

    def log_error(self, lines):
        self.log("\n".join(lines))


class StdoutLogSink:
    """Without the telemetry fd, records go to stdout, one line each as AWS writes them."""

    def log(self, message):
        sys.stdout.write(message if message.endswith("\n") else message + "\n")

    def log_error(self, lines):
        sys.stdout.write("\r".join(lines) + "\n")


def create_log_sink():
    fd = os.environ.pop("_LAMBDA_TELEMETRY_LOG_FD", None)
    return TelemetryLogSink(int(fd)) if fd is not None else StdoutLogSink()


class LambdaLoggerHandler(logging.Handler):
    def __init__(self, sink):
        super().__init__()
        self.log_sink = sink

    def emit(self, record):
        try:
            self.log_sink.log(self.format(record))
        except Exception:
            self.handleError(record)


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.aws_request_id = _current_request_id or ""
        return True


def setup_logging(sink):
    """The root logger as AWS sets it up: its format, UTC times, and WARNING unless
    `AWS_LAMBDA_LOG_LEVEL` says otherwise (TRACE counts as DEBUG)."""
    logging.Formatter.converter = time.gmtime
    handler = LambdaLoggerHandler(sink)
    handler.setFormatter(
        logging.Formatter(
            "[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s\n",
            "%Y-%m-%dT%H:%M:%S",
        )
    )
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    level = os.environ.get("AWS_LAMBDA_LOG_LEVEL", "").upper()
    level = "DEBUG" if level == "TRACE" else level
    if level in logging._nameToLevel:
        root.setLevel(level)
    root.addHandler(handler)


def log_error(error_result, sink):
    """One record: `[ERROR] <type>: <message>` and the traceback."""
    description = "[ERROR]"
    if error_result["errorType"]:
        description += " " + error_result["errorType"]
    if error_result["errorMessage"]:
        if error_result["errorType"]:
            description += ":"
        description += " " + error_result["errorMessage"]
    lines = [description, "Traceback (most recent call last):"]
    for element in error_result["stackTrace"]:
        if element == "":
            lines.append("")
            continue
        for line in element.splitlines():
            stripped = line.lstrip(" ")
            lines.append(ERROR_LOG_INDENT * (len(line) - len(stripped)) + stripped)
    sink.log_error(lines)


# --- JSON --------------------------------------------------------------------------------------


class _DecimalEncoder(json.JSONEncoder):
    """AWS's runtime writes a Decimal's exact digits (`Decimal('1.50')` → `1.50`) and NaN as NaN.
    The standard encoder cannot emit raw JSON, so Decimals become marked strings that are
    unquoted afterwards; the marker holds a per-process nonce no user string can contain."""

    marker = "\u0000" + uuid.uuid4().hex + ":"

    def __init__(self, ensure_ascii):
        super().__init__(ensure_ascii=ensure_ascii)
        self.saw_decimal = False

    def default(self, o):
        if isinstance(o, decimal.Decimal):
            if o.is_nan():
                return math.nan
            self.saw_decimal = True
            return self.marker + str(o)
        return super().default(o)


_ESCAPED_MARKER = json.dumps(_DecimalEncoder.marker)[:-1]


_encoder = None


def to_json(value):
    global _encoder
    if _encoder is None:
        # python3.12's runtime stopped escaping non-ASCII characters; the others escape them.
        _encoder = _DecimalEncoder(ensure_ascii=os.environ.get("AWS_EXECUTION_ENV") != "AWS_Lambda_python3.12")
    _encoder.saw_decimal = False
    text = _encoder.encode(value)
    if not _encoder.saw_decimal:
        return text
    parts = text.split(_ESCAPED_MARKER)
    return parts[0] + "".join(part.replace('"', "", 1) for part in parts[1:])


# --- Runtime API ---------------------------------------------------------------------------------


class RuntimeApiClient:
    """The Runtime API over one persistent keep-alive connection."""

    def __init__(self, address):
        host, _, port = address.rpartition(":")
        self.connection = http.client.HTTPConnection(host, int(port))

    def request(self, method, path, body=None, headers=None):
        for attempt in (1, 2):
            try:
                self.connection.request(method, path, body=body, headers=headers or {})
                response = self.connection.getresponse()
                return response, response.read()
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                # The server dropped an idle keep-alive connection: reconnect once.
                self.connection.close()
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def next_invocation(self):
        """The next event's headers (lowercase names) and body."""
        response, body = self.request("GET", RUNTIME_PATH + "/invocation/next")
        if response.status != 200:
            raise RuntimeError("Runtime API /invocation/next answered %d: %r" % (response.status, body))
        # One pass into a dict: each HTTPMessage.get walks every header.
        return {name.lower(): value for name, value in response.getheaders()}, body

    def post_result(self, invoke_id, body, content_type):
        path = "%s/invocation/%s/response" % (RUNTIME_PATH, invoke_id)
        self.request("POST", path, body, {"Content-Type": content_type})

    def post_error(self, invoke_id, error_result):
        path = "%s/invocation/%s/error" % (RUNTIME_PATH, invoke_id)
        self._post_error(path, error_result)

    def post_init_error(self, error_result):
        self._post_error(RUNTIME_PATH + "/init/error", error_result)

    def _post_error(self, path, error_result):
        # As bytes: http.client would refuse a str outside latin-1 (a non-ASCII exception class name).
        error_type = error_result["errorType"].encode("utf-8")
        headers = {"Content-Type": "application/json", ERROR_TYPE_HEADER: error_type}
        self.request("POST", path, to_json(error_result).encode("utf-8"), headers)


# --- Handler ---------------------------------------------------------------------------------------


def get_handler(handler):
    """Resolves `_HANDLER` (`module.path.function`, slashes allowed in the module part)."""
    try:
        modname, fname = handler.rsplit(".", 1)
    except ValueError as e:
        raise FaultException(FaultException.MALFORMED_HANDLER_NAME, "Bad handler '%s': %s" % (handler, e))
    try:
        if modname.split(".")[0] in sys.builtin_module_names:
            raise FaultException(
                FaultException.BUILT_IN_MODULE_CONFLICT,
                "Cannot use built-in module %s as a handler module" % modname,
            )
        module = importlib.import_module(modname.replace("/", "."))
    except ImportError as e:
        raise FaultException(
            FaultException.IMPORT_MODULE_ERROR, "Unable to import module '%s': %s" % (modname, e)
        )
    except SyntaxError as e:
        trace = ['  File "%s" Line %s\n    %s' % (e.filename, e.lineno, e.text)]
        raise FaultException(
            FaultException.USER_CODE_SYNTAX_ERROR, "Syntax error in module '%s': %s" % (modname, e), trace
        )
    try:
        return getattr(module, fname)
    except AttributeError:
        raise FaultException(
            FaultException.HANDLER_NOT_FOUND, "Handler '%s' missing on module '%s'" % (fname, modname)
        )


def make_error(message, error_type, stack_trace, invoke_id=None):
    return {
        "errorMessage": message or "",
        "errorType": error_type or "",
        "requestId": invoke_id if invoke_id is not None else "",
        "stackTrace": stack_trace or [],
    }


def fault_result(exc_info, invoke_id=None):
    """The error body for an exception, its traceback starting at the first frame outside this file."""
    etype, value, tb = exc_info
    frames = traceback.extract_tb(tb)
    for i, frame in enumerate(frames):
        if "/bootstrap.py" not in frame.filename:
            frames = frames[i:]
            break
    return make_error(str(value), etype.__name__, traceback.format_list(frames), invoke_id)


# --- Context ---------------------------------------------------------------------------------------


class CognitoIdentity:
    __slots__ = ["cognito_identity_id", "cognito_identity_pool_id"]

    def __repr__(self):
        return "CognitoIdentity([cognito_identity_id=%s,cognito_identity_pool_id=%s])" % (
            self.cognito_identity_id,
            self.cognito_identity_pool_id,
        )


class Client:
    __slots__ = ["installation_id", "app_title", "app_version_name", "app_version_code", "app_package_name"]


class ClientContext:
    __slots__ = ["custom", "env", "client"]


def _object_from_dict(cls, values):
    if values is None:
        return None
    obj = cls()
    for field in cls.__slots__:
        setattr(obj, field, values.get(field))
    return obj


class LambdaContext:
    """The handler's `context`, with AWS's attribute names."""

    def __init__(self, invoke_id, client_context, cognito_identity, deadline_ms, invoked_function_arn):
        self.aws_request_id = invoke_id
        self.log_group_name = os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME")
        self.function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME")
        self.memory_limit_in_mb = os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.function_version = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION")
        self.invoked_function_arn = invoked_function_arn
        self.client_context = _object_from_dict(ClientContext, client_context)
        if self.client_context is not None:
            self.client_context.client = _object_from_dict(Client, self.client_context.client)
        self.identity = _object_from_dict(CognitoIdentity, {})
        if cognito_identity is not None:
            self.identity.cognito_identity_id = cognito_identity.get("cognitoIdentityId")
            self.identity.cognito_identity_pool_id = cognito_identity.get("cognitoIdentityPoolId")
        self._deadline_ms = deadline_ms

    def get_remaining_time_in_millis(self):
        remaining = self._deadline_ms - int(time.time() * 1000)
        return remaining if remaining > 0 else 0

    def log(self, msg):
        for handler in logging.getLogger().handlers:
            if hasattr(handler, "log_sink"):
                handler.log_sink.log(str(msg))
                return
        sys.stdout.write(str(msg))

    def __repr__(self):
        return (
            "LambdaContext([aws_request_id=%s,log_group_name=%s,log_stream_name=%s,function_name=%s,"
            "memory_limit_in_mb=%s,function_version=%s,invoked_function_arn=%s,client_context=%s,identity=%s])"
            % (
                self.aws_request_id,
                self.log_group_name,
                self.log_stream_name,
                self.function_name,
                self.memory_limit_in_mb,
                self.function_version,
                self.invoked_function_arn,
                self.client_context,
                self.identity,
            )
        )


def _parse_json_header(text, name):
    if not text:
        return None
    try:
        return json.loads(text)
    except Exception as e:
        raise FaultException(
            FaultException.LAMBDA_CONTEXT_UNMARSHAL_ERROR, "Unable to parse %s JSON: %s" % (name, e)
        )


# --- Invoke loop -----------------------------------------------------------------------------------


def _unmarshal_event(body, content_type):
    if content_type != "application/json":
        return body
    try:
        return json.loads(body)
    except Exception as e:
        raise FaultException(FaultException.UNMARSHAL_ERROR, "Unable to unmarshal input: %s" % e)


def _marshal_result(result):
    if isinstance(result, bytes):
        return result, "application/unknown"
    try:
        return to_json(result).encode("utf-8"), "application/json"
    except Exception as e:
        raise FaultException(FaultException.MARSHAL_ERROR, "Unable to marshal response: %s" % e)


def handle_invocation(client, handler, headers, body, sink):
    invoke_id = headers.get("lambda-runtime-aws-request-id")
    error_result = None
    try:
        context = LambdaContext(
            invoke_id,
            _parse_json_header(headers.get("lambda-runtime-client-context"), "Client Context"),
            _parse_json_header(headers.get("lambda-runtime-cognito-identity"), "Cognito Identity"),
            int(headers.get("lambda-runtime-deadline-ms") or 0),
            headers.get("lambda-runtime-invoked-function-arn"),
        )
        event = _unmarshal_event(body, headers.get("content-type", "application/json"))
        result, content_type = _marshal_result(handler(event, context))
    except FaultException as e:
        error_result = make_error(e.msg, e.exception_type, e.trace, invoke_id)
    except Exception:
        error_result = fault_result(sys.exc_info(), invoke_id)
    if error_result is None:
        client.post_result(invoke_id, result, content_type)
        return
    sink.log(UNHANDLED_EXCEPTION_WARNING)
    log_error(error_result, sink)
    client.post_error(invoke_id, error_result)


def _forward_trace_id(trace_id):
    if trace_id is not None:
        os.environ["_X_AMZN_TRACE_ID"] = trace_id
    else:
        os.environ.pop("_X_AMZN_TRACE_ID", None)


def main():
    global _current_request_id
    task_root = os.environ.get("LAMBDA_TASK_ROOT", os.getcwd())
    # The task root comes first on sys.path, and this client's own folder is not on it at all.
    sys.path[0:1] = [task_root]
    client = RuntimeApiClient(os.environ["AWS_LAMBDA_RUNTIME_API"])
    sink = create_log_sink()
    try:
        setup_logging(sink)
        handler = get_handler(os.environ.get("_HANDLER", ""))
    except FaultException as e:
        error_result = make_error(e.msg, e.exception_type, e.trace)
    except Exception:
        error_result = fault_result(sys.exc_info())
    else:
        error_result = None
    if error_result is not None:
        log_error(error_result, sink)
        client.post_init_error(error_result)
        sys.exit(1)

    while True:
        headers, body = client.next_invocation()
        _current_request_id = headers.get("lambda-runtime-aws-request-id")
        _forward_trace_id(headers.get("lambda-runtime-trace-id"))
        handle_invocation(client, handler, headers, body, sink)


if __name__ == "__main__":
    main()
