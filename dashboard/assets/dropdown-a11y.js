/* Keyboard and screen-reader repairs for Dash's dropdown (dcc.Dropdown).
 *
 * Closed, the dropdown takes Tab focus through a stand-in <input aria-hidden="true"> that
 * hands focus on to its button (a focusable element hidden from assistive technology), and it
 * names its button by the chosen value alone. Here the button itself becomes the tab stop, the
 * stand-in leaves the page, and the button is named by its filter's visible label as well.
 * Open, its list is an unnamed dialog holding a listbox whose options wrap focusable radio
 * buttons; here it becomes a named group of radio buttons, which is what keyboard focus visits.
 * The label is that of the nearest ancestor with role="group" and aria-labelledby.
 * tests/dashboard/test_accessibility.py checks the result with axe-core and the keyboard.
 */
(function () {
  "use strict";

  function labelOf(element) {
    var group = element.closest("[role=group][aria-labelledby]");
    return group ? group.getAttribute("aria-labelledby") : null;
  }

  function repairButton(button) {
    if (button.dataset.a11y === "1") {
      return;
    }
    var stand = button.previousElementSibling;
    if (stand && stand.classList.contains("dash-dropdown-focus-target")) {
      stand.hidden = true;
      stand.tabIndex = -1;
    }
    button.tabIndex = 0;
    var label = labelOf(button);
    if (label) {
      var names = (button.getAttribute("aria-labelledby") || "").split(/\s+/)
        .filter(function (id) { return id && id !== label; });
      button.setAttribute("aria-labelledby", [label].concat(names).join(" "));
    }
    button.dataset.a11y = "1";
  }

  function repairList(content) {
    var label = labelOf(content);
    if (label) {
      content.setAttribute("aria-labelledby", label);
    }
    content.querySelectorAll(".dash-options-list[role=listbox]").forEach(function (list) {
      list.setAttribute("role", list.querySelector("input[type=radio]") ? "radiogroup" : "group");
      if (label) {
        list.setAttribute("aria-labelledby", label);
      }
    });
    // each option is a <label> around its input, which names the input by itself
    content.querySelectorAll("label[role=option]").forEach(function (option) {
      option.removeAttribute("role");
      option.removeAttribute("aria-selected");
    });
  }

  function scan() {
    document.querySelectorAll("button.dash-dropdown").forEach(repairButton);
    document.querySelectorAll(".dash-dropdown-content").forEach(repairList);
  }

  // Pages are drawn and redrawn by callbacks, a list is built each time it opens, and an
  // option's state may be written again while it is open.
  new MutationObserver(function (records) {
    for (var i = 0; i < records.length; i += 1) {
      if (records[i].addedNodes.length || records[i].type === "attributes") {
        scan();
        return;
      }
    }
  }).observe(document.body, {childList: true, subtree: true, attributes: true,
                             attributeFilter: ["role", "aria-selected"]});
  scan();
})();
