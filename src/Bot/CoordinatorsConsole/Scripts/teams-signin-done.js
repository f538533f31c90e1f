// The last page of the Teams pop-up's sign-in: tells the tab it worked (Teams then closes the pop-up). Opened
// anywhere else, the page's own link to the console is all there is.
(function () {
  'use strict';
  if (!window.microsoftTeams) return;
  microsoftTeams.app.initialize().then(function () {
    microsoftTeams.authentication.notifySuccess();
  }, function () { /* not Teams' pop-up */ });
})();
