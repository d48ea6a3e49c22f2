// Interactive API docs over preptrack's own openapi.json. A separate file, not an inline script:
// the Content-Security-Policy allows scripts from this origin only.
window.addEventListener('DOMContentLoaded', async () => {
  const spec = await (await fetch('/openapi.json')).json();
  // "Try it out" talks to the preptrack that served this page, whatever its port (the document's
  // own server is the default one, and another origin would be refused by the Host check anyway).
  spec.servers = [{ url: window.location.origin }];
  const ui = window.SwaggerUIBundle({
    spec,
    dom_id: '#swagger-ui',
    deepLinking: true,
    // The token stays in this tab, as the dashboard keeps it; never in local storage.
    persistAuthorization: false,
  });
  const token = window.sessionStorage.getItem('preptrack.token');
  if (token) {
    ui.authActions.authorize({ bearer: { name: 'bearer', schema: { type: 'http', scheme: 'bearer' }, value: token } });
  }
});
