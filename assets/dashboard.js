/* Slim WM dashboard: the slider tooltip shows its day number (days since 1970-01-01) as a date. */
window.dccFunctions = window.dccFunctions || {};
window.dccFunctions.dayNumberToDate = function (day) {
  var d = new Date(Date.UTC(1970, 0, 1) + Math.round(day) * 86400000);
  var iso = d.toISOString().slice(0, 10).split("-");
  return iso[2] + "-" + iso[1] + "-" + iso[0];
};
