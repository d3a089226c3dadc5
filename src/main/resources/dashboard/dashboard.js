// The dashboard's only script, served from the jar (the content-security policy allows no inline
// script and no CDN). It copies a connect link to the clipboard; every action works without it.
document.addEventListener('DOMContentLoaded', function () {
  document.querySelectorAll('button[data-copy]').forEach(function (button) {
    button.addEventListener('click', function () {
      var field = document.getElementById(button.getAttribute('data-copy'));
      var status = document.getElementById('copy-status');
      var done = function () { if (status) { status.textContent = 'Copied.'; } };
      var fallback = function () {
        field.focus();
        field.select();
        try { document.execCommand('copy'); done(); } catch (e) { if (status) { status.textContent = 'Select the link and copy it.'; } }
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(done, fallback);
      } else {
        fallback();
      }
    });
  });
});
