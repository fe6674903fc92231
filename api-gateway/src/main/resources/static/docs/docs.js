// Renders the gateway's own /openapi.yaml (docs/openapi.yaml, byte for byte). "Authorize" takes a
// key for "Try it out"; the dashboard's key, when this tab has one, is offered already.
window.ui = SwaggerUIBundle({
  url: '/openapi.yaml',
  dom_id: '#swagger-ui',
  deepLinking: true,
  tryItOutEnabled: false,
  validatorUrl: null,
  onComplete: () => {
    const key = sessionStorage.getItem('codegen.apiKey');
    if (key) {
      window.ui.preauthorizeApiKey('headerKey', key);
    }
  },
});
