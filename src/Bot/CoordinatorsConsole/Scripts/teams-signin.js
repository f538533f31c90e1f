// The console's sign-in inside its Teams tab. Entra's sign-in page refuses to be framed, so inside Teams the
// "Sign in with Microsoft" link opens Teams' own authentication pop-up instead (microsoftTeams.authentication);
// when the pop-up reports success the tab goes on to the page it asked for. Outside Teams the link is a plain
// link and this script does nothing. Served from the console itself: the CSP allows script from 'self' only.
(function () {
  'use strict';
  var link = document.getElementById('entra-signin');
  if (!link || window.parent === window || !window.microsoftTeams) return;
  var failed = document.getElementById('teams-signin-failed');
  microsoftTeams.app.initialize().then(function () {
    link.addEventListener('click', function (event) {
      event.preventDefault();
      if (failed) failed.hidden = true;
      microsoftTeams.authentication.authenticate({ url: new URL(link.getAttribute('data-popup'), window.location.href).href, width: 600, height: 640 })
        .then(function () { window.location.assign(link.getAttribute('data-back')); })
        .catch(function () { if (failed) failed.hidden = false; });
    });
  }, function () { /* framed, but not by Teams: the plain link it is */ });
})();
