// "Nearest first": asks the phone for its position and reloads the list sorted by distance.
// Without JavaScript or without permission the list stays in its usual order.
(function () {
  var button = document.getElementById("nearby");
  if (!button || !("geolocation" in navigator)) return;
  var status = document.getElementById("nearby-status");
  button.hidden = false;
  button.addEventListener("click", function () {
    button.disabled = true;
    status.textContent = button.dataset.waiting;
    navigator.geolocation.getCurrentPosition(function (position) {
      var url = new URL(window.location.href);
      url.searchParams.set("lat", position.coords.latitude.toFixed(5));
      url.searchParams.set("lng", position.coords.longitude.toFixed(5));
      url.searchParams.delete("page");  // the nearest come first: start again at page 1
      window.location.assign(url.toString());
    }, function () {
      button.disabled = false;
      status.textContent = button.dataset.refused;
    }, { enableHighAccuracy: false, timeout: 10000, maximumAge: 600000 });
  });
})();
