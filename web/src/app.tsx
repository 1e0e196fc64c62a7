// The app shell. Screens arrive with the web app issue; for now it says what this will be.
export function App() {
  return (
    <main>
      <h1>Lambdagram</h1>
      <p>Share photos with your friends. The feed is on its way.</p>
    </main>
  );
}
