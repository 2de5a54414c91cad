/* The network map: draws the members and their ties with sigma (WebGL), lets a person
 * search, focus a member or an organisation, filter and replay the history.
 * Data comes as JSON from the map's data URL; the texts come translated in #map-config.
 * Without this script the page still shows the filters and the table. */
(function () {
  "use strict";

  var configNode = document.getElementById("map-config");
  if (!configNode) return;
  var config = JSON.parse(configNode.textContent);
  var S = config.strings;
  var kit = window.WarmnetGraphKit;
  document.documentElement.classList.add("map-js");

  var $ = function (id) { return document.getElementById(id); };
  var form = $("map-filters");
  var container = $("map-canvas");
  var statusLine = $("map-status");
  var summary = $("map-summary");
  var WARM = "rgba(58, 42, 26, 0.85)";
  var WEAK = "rgba(120, 128, 138, 0.28)";
  var WARM_CROWD = "rgba(58, 42, 26, 0.3)"; // thousands of warm ties: lighter, or they make a blot
  var FOCUS_WARM = "#3a2a1a";
  var FOCUS_WEAK = "rgba(70, 78, 88, 0.75)";
  var FADED = "#e3e6ea";
  var SHAPES = { circle: 0, square: 1, triangle: 2, diamond: 3 };
  var LIST_LIMIT = 25;
  var LARGE = 2000;
  var LABELLED = 8;

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (all, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : all;
    });
  }
  // the bands of warmnet.engine.warmth.tie_band: the same thresholds, sent by the server
  function tieBand(strength) {
    if (!(strength > 0)) return "none";
    if (strength < map.data.warmThreshold) return "weak";
    return strength >= map.data.strongThreshold ? "strong" : "medium";
  }
  function fmt(number, digits) {
    return number.toLocaleString(document.documentElement.lang || undefined, {
      maximumFractionDigits: digits, minimumFractionDigits: digits,
    });
  }
  function say(text) { statusLine.textContent = text; }

  // ---- a node program that draws each organisation's shape (circle, square, triangle,
  // diamond) with a dark outline, so organisations differ by more than colour --------------
  var ShapeProgram = null;
  if (kit) {
    var VERTEX = [
      "attribute vec4 a_id;", "attribute vec4 a_color;", "attribute vec2 a_position;",
      "attribute float a_size;", "attribute float a_shape;", "attribute float a_angle;",
      "uniform mat3 u_matrix;", "uniform float u_sizeRatio;", "uniform float u_correctionRatio;",
      "varying vec4 v_color;", "varying vec2 v_diff;", "varying float v_radius;", "varying float v_shape;",
      "const float bias = 255.0 / 254.0;",
      "void main() {",
      "  float radius = a_size * u_correctionRatio / u_sizeRatio * 2.0;",
      "  vec2 diff = 2.8 * radius * vec2(cos(a_angle), sin(a_angle));",
      "  gl_Position = vec4((u_matrix * vec3(a_position + diff, 1)).xy, 0, 1);",
      "  v_diff = diff;", "  v_radius = radius;", "  v_shape = a_shape;",
      "  #ifdef PICKING_MODE", "  v_color = a_id;", "  #else", "  v_color = a_color;", "  #endif",
      "  v_color.a *= bias;",
      "}",
    ].join("\n");
    var FRAGMENT = [
      "precision highp float;",
      "varying vec4 v_color;", "varying vec2 v_diff;", "varying float v_radius;", "varying float v_shape;",
      "uniform float u_correctionRatio;",
      "const vec4 transparent = vec4(0.0, 0.0, 0.0, 0.0);",
      "float shapeDistance(vec2 p, float r) {",
      "  if (v_shape < 0.5) return length(p) - r;",
      "  if (v_shape < 1.5) { vec2 q = abs(p); return max(q.x, q.y) - r * 0.86; }",
      "  if (v_shape < 2.5) return max(-p.y - r * 0.55, 0.8660254 * abs(p.x) + 0.5 * p.y - r * 0.55);",
      "  return (abs(p.x) + abs(p.y)) * 0.7071068 - r * 0.9;",
      "}",
      "void main(void) {",
      "  float px = u_correctionRatio * 2.0;",
      "  float d = shapeDistance(v_diff, v_radius);",
      "  #ifdef PICKING_MODE",
      "  gl_FragColor = d > px ? transparent : v_color;",
      "  #else",
      "  vec4 ink = d > -1.2 * px ? vec4(v_color.rgb * 0.35, v_color.a) : v_color;",
      "  float t = clamp(d / px + 0.5, 0.0, 1.0);",
      "  gl_FragColor = mix(ink, transparent, t);",
      "  #endif",
      "}",
    ].join("\n");
    var UNSIGNED_BYTE = WebGLRenderingContext.UNSIGNED_BYTE;
    var FLOAT = WebGLRenderingContext.FLOAT;
    ShapeProgram = class extends kit.NodeProgram {
      getDefinition() {
        return {
          VERTICES: 3,
          VERTEX_SHADER_SOURCE: VERTEX,
          FRAGMENT_SHADER_SOURCE: FRAGMENT,
          METHOD: WebGLRenderingContext.TRIANGLES,
          UNIFORMS: ["u_sizeRatio", "u_correctionRatio", "u_matrix"],
          ATTRIBUTES: [
            { name: "a_position", size: 2, type: FLOAT },
            { name: "a_size", size: 1, type: FLOAT },
            { name: "a_color", size: 4, type: UNSIGNED_BYTE, normalized: true },
            { name: "a_id", size: 4, type: UNSIGNED_BYTE, normalized: true },
            { name: "a_shape", size: 1, type: FLOAT },
          ],
          CONSTANT_ATTRIBUTES: [{ name: "a_angle", size: 1, type: FLOAT }],
          CONSTANT_DATA: [[0], [2 * Math.PI / 3], [4 * Math.PI / 3]],
        };
      }
      processVisibleItem(nodeIndex, startIndex, data) {
        var array = this.array;
        array[startIndex++] = data.x;
        array[startIndex++] = data.y;
        array[startIndex++] = data.size;
        array[startIndex++] = kit.floatColor(data.color);
        array[startIndex++] = nodeIndex;
        array[startIndex++] = data.shape || 0;
      }
      setUniforms(params, context) {
        var gl = context.gl, where = context.uniformLocations;
        gl.uniform1f(where.u_correctionRatio, params.correctionRatio);
        gl.uniform1f(where.u_sizeRatio, params.sizeRatio);
        gl.uniformMatrix3fv(where.u_matrix, false, params.matrix);
      }
    };
  }

  // ---- state ---------------------------------------------------------------------------
  var map = {
    ready: false, data: null, graph: null, renderer: null, timings: {},
    focus: null, // {kind: "member"|"org", key|org}
    visible: null, // Set of node keys passing the filters (null: everyone)
    layers: new Set(),
    focusNodes: new Set(), focusEdges: new Set(), focusLabels: new Set(),
  };
  window.warmnetMap = map;

  function nodeKey(index) { return String(map.data.nodes.id[index]); }

  function buildGraph(data) {
    var graph = new kit.Graph({ type: "undirected", multi: true });
    var n = data.nodes, orgs = data.orgs;
    for (var i = 0; i < n.id.length; i++) {
      var org = n.org[i] >= 0 ? orgs[n.org[i]] : null;
      graph.addNode(String(n.id[i]), {
        x: n.x[i], y: -n.y[i], size: n.size[i], label: n.label[i],
        color: org ? org.colour : "#9e9e9e", shape: SHAPES[org ? org.shape : "circle"],
        org: n.org[i], index: i, zIndex: 1,
      });
    }
    var e = data.edges, threshold = data.warmThreshold;
    var warmColour = n.id.length > LARGE ? WARM_CROWD : WARM;
    for (var j = 0; j < e.source.length; j++) {
      var warm = e.strength[j] >= threshold;
      graph.addEdgeWithKey("e" + j, String(n.id[e.source[j]]), String(n.id[e.target[j]]), {
        layer: data.layers[e.layer[j]].key, strength: e.strength[j], warm: warm,
        size: warm ? 1.8 : 0.6, color: warm ? warmColour : WEAK, zIndex: warm ? 1 : 0,
        type: warm ? "thick" : "thin",
      });
    }
    return graph;
  }

  function nodeReducer(node, attrs) {
    var out = Object.assign({}, attrs);
    if (map.visible && !map.visible.has(node)) { out.hidden = true; return out; }
    if (map.focus) {
      if (map.focusNodes.has(node)) {
        out.zIndex = 3;
        out.forceLabel = map.focusLabels.has(node);
        if (map.focus.kind === "member" && map.focus.key === node) out.highlighted = true;
      } else {
        out.color = FADED; out.label = ""; out.zIndex = 0;
      }
    }
    return out;
  }

  function edgeReducer(edge, attrs) {
    var out = Object.assign({}, attrs);
    if (!map.layers.has(attrs.layer)) { out.hidden = true; return out; }
    if (map.visible) {
      var ends = map.graph.extremities(edge);
      if (!map.visible.has(ends[0]) || !map.visible.has(ends[1])) { out.hidden = true; return out; }
    }
    if (map.focus) {
      if (map.focusEdges.has(edge)) {
        out.color = attrs.warm ? FOCUS_WARM : FOCUS_WEAK;
        out.size = attrs.warm ? 2.6 : 1.2;
        out.type = "thick";
        out.zIndex = 2;
      } else {
        out.hidden = true;
      }
    }
    return out;
  }

  // ---- filters -------------------------------------------------------------------------
  function readFilters() {
    var data = map.data, keep = null;
    var orgPk = form.elements.organisation.value;
    if (orgPk) {
      var orgIndex = data.orgs.findIndex(function (o) { return String(o.id) === orgPk; });
      keep = new Set();
      map.graph.forEachNode(function (node, attrs) { if (attrs.org === orgIndex) keep.add(node); });
    }
    var dossier = form.elements.dossier.value;
    if (dossier) {
      var members = new Set((data.dossiers[dossier] || []).map(nodeKey));
      keep = keep ? new Set(Array.from(keep).filter(function (k) { return members.has(k); })) : members;
    }
    map.visible = keep;
    map.layers = new Set();
    form.querySelectorAll("input[name=layer]").forEach(function (box) {
      if (box.checked && !box.disabled) map.layers.add(box.value);
    });
  }

  function shownEdges() {
    var count = 0, warm = 0;
    map.graph.forEachEdge(function (edge, attrs, source, target) {
      if (!map.layers.has(attrs.layer)) return;
      if (map.visible && (!map.visible.has(source) || !map.visible.has(target))) return;
      count++; if (attrs.warm) warm++;
    });
    return { count: count, warm: warm };
  }

  function describe() {
    var data = map.data, members = map.visible ? map.visible.size : map.graph.order;
    var total = 0;
    data.layers.forEach(function (layer) { if (map.layers.has(layer.key)) total += layer.total; });
    var edges = shownEdges();
    summary.textContent = fill(S.shown, {
      members: fmt(members, 0), ties: fmt(edges.count, 0), total: fmt(total, 0), warm: fmt(edges.warm, 0),
    });
  }

  // ---- focus ---------------------------------------------------------------------------
  function neighbourEdges(node) {
    var found = [];
    map.graph.forEachEdge(node, function (edge, attrs, source, target) {
      if (!map.layers.has(attrs.layer)) return;
      var other = source === node ? target : source;
      if (map.visible && !map.visible.has(other)) return;
      found.push({ edge: edge, other: other, strength: attrs.strength, warm: attrs.warm, layer: attrs.layer });
    });
    found.sort(function (a, b) { return b.strength - a.strength; });
    return found;
  }

  function setFocus(focus, moveCamera) {
    map.focus = focus;
    map.focusNodes = new Set(); map.focusEdges = new Set(); map.focusLabels = new Set();
    var panel = $("map-focus"), list = $("map-focus-list");
    list.textContent = "";
    document.querySelectorAll(".map-legend a[data-org]").forEach(function (a) {
      a.removeAttribute("aria-current");
    });
    if (!focus) {
      panel.hidden = true;
      map.renderer.refresh({ schedule: true });
      if (moveCamera && map.graph.order > LARGE) map.renderer.getCamera().setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 });
      else if (moveCamera) map.renderer.getCamera().animatedReset({ duration: 300 });
      return;
    }
    var graph = map.graph, centres = [];
    if (focus.kind === "member") {
      centres = [focus.key];
    } else {
      graph.forEachNode(function (node, attrs) {
        if (attrs.org === focus.org && (!map.visible || map.visible.has(node))) centres.push(node);
      });
      var legend = document.querySelector('.map-legend a[data-org="' + focus.org + '"]');
      if (legend) legend.setAttribute("aria-current", "true");
    }
    var ties = [];
    centres.forEach(function (node) {
      map.focusNodes.add(node);
      if (focus.kind === "member") map.focusLabels.add(node);
      neighbourEdges(node).forEach(function (t) {
        map.focusNodes.add(t.other); map.focusEdges.add(t.edge); ties.push(t);
      });
    });
    var title = $("map-focus-title"), text = $("map-focus-summary");
    if (focus.kind === "member") {
      var attrs = graph.getNodeAttributes(focus.key);
      var org = attrs.org >= 0 ? map.data.orgs[attrs.org].name : "";
      title.textContent = attrs.label;
      text.textContent = fill(S.focusMember, { name: attrs.label, organisation: org, count: fmt(ties.length, 0) });
      var link = document.createElement("a");
      link.href = config.member.replace("/0/", "/" + focus.key + "/");
      link.textContent = fill(S.open, { name: attrs.label });
      var item = document.createElement("li");
      item.className = "map-focus-open";
      item.appendChild(link);
      list.appendChild(item);
      ties.slice(0, LIST_LIMIT).forEach(function (t, i) {
        // the strongest few always named; the others as room allows
        if (i < LABELLED) map.focusLabels.add(t.other);
        list.appendChild(tieItem(t));
      });
      if (!ties.length) list.appendChild(textItem(S.noTies));
    } else {
      var entry = map.data.orgs[focus.org];
      var outside = map.focusNodes.size - centres.length;
      title.textContent = entry.name;
      text.textContent = fill(S.focusOrg, { name: entry.name, members: fmt(centres.length, 0), count: fmt(outside, 0) });
      centres.sort(function (a, b) { return graph.getNodeAttribute(b, "size") - graph.getNodeAttribute(a, "size"); });
      centres.slice(0, LIST_LIMIT).forEach(function (node, i) {
        if (i < LABELLED) map.focusLabels.add(node);
        list.appendChild(memberItem(node));
      });
    }
    var rest = (focus.kind === "member" ? ties.length : centres.length) - LIST_LIMIT;
    if (rest > 0) list.appendChild(textItem(fill(S.moreTies, { count: fmt(rest, 0) })));
    panel.hidden = false;
    // move the camera first, then draw once in the next frame (not once per change)
    if (moveCamera) frame(centres.length === 1 ? Array.from(map.focusNodes) : centres);
    map.renderer.refresh({ schedule: true });
  }

  function textItem(text) {
    var li = document.createElement("li"); li.className = "empty"; li.textContent = text; return li;
  }

  function memberButton(node) {
    var attrs = map.graph.getNodeAttributes(node);
    var button = document.createElement("button");
    button.type = "button"; button.className = "link"; button.dataset.member = node;
    button.textContent = attrs.label;
    return button;
  }

  function memberItem(node) {
    var li = document.createElement("li");
    li.appendChild(memberButton(node));
    return li;
  }

  function tieItem(t) {
    var li = memberItem(t.other);
    var attrs = map.graph.getNodeAttributes(t.other);
    var org = attrs.org >= 0 ? map.data.orgs[attrs.org].name + ", " : "";
    var small = document.createElement("small");
    var hours = fill(S.hours, { hours: fmt(t.strength, 1) });
    small.textContent = " " + org;
    var band = document.createElement("span");
    band.className = "tie-band tie-" + tieBand(t.strength);
    band.title = hours;
    band.textContent = S.bands[tieBand(t.strength)];
    var hidden = document.createElement("span");
    hidden.className = "visually-hidden"; hidden.textContent = " (" + hours + ")";
    band.appendChild(hidden);
    small.appendChild(band);
    li.appendChild(small);
    return li;
  }

  function frame(nodes) {
    if (!nodes.length) return;
    var xs = [], ys = [];
    nodes.forEach(function (node) {
      var d = map.renderer.getNodeDisplayData(node);
      if (d) { xs.push(d.x); ys.push(d.y); }
    });
    if (!xs.length) return;
    var minX = Math.min.apply(null, xs), maxX = Math.max.apply(null, xs);
    var minY = Math.min.apply(null, ys), maxY = Math.max.apply(null, ys);
    var ratio = Math.max(maxX - minX, maxY - minY, 0.08) * 1.3;
    var target = { x: (minX + maxX) / 2, y: (minY + maxY) / 2, ratio: Math.min(ratio, 1.1) };
    // on a large map every frame of a camera animation is a full redraw: jump instead
    if (map.graph.order > LARGE) map.renderer.getCamera().setState(target);
    else map.renderer.getCamera().animate(target, { duration: 350 });
  }

  function focusMember(key) {
    if (!map.graph.hasNode(key)) return false;
    setFocus({ kind: "member", key: key }, true);
    return true;
  }

  // ---- search (an ARIA combobox over people and organisations) -------------------------
  var input = form.elements.q, box = $("map-suggestions"), searchStatus = $("map-search-status");
  var options = [], active = -1;
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-controls", "map-suggestions");
  input.setAttribute("aria-expanded", "false");

  function matches(text) {
    var needle = text.trim().toLocaleLowerCase();
    if (needle.length < 2 || !map.data) return [];
    var found = [];
    map.data.orgs.forEach(function (o, i) {
      if (o.name.toLocaleLowerCase().indexOf(needle) >= 0) found.push({ kind: "org", org: i, label: o.name, rank: 0 });
    });
    var labels = map.data.nodes.label, lower = map.lowerLabels;
    for (var i = 0; i < labels.length && found.length < 60; i++) {
      var at = lower[i].indexOf(needle);
      if (at >= 0) {
        var rank = labels[i].length === needle.length ? -1 : (at === 0 ? 1 : 2);
        found.push({ kind: "member", key: nodeKey(i), label: labels[i], rank: rank, index: i });
      }
    }
    found.sort(function (a, b) { return a.rank - b.rank || a.label.localeCompare(b.label); });
    return found.slice(0, 8);
  }

  function closeBox() {
    box.hidden = true; box.textContent = ""; options = []; active = -1;
    input.setAttribute("aria-expanded", "false"); input.removeAttribute("aria-activedescendant");
  }

  function showOptions() {
    options = matches(input.value);
    box.textContent = ""; active = -1; input.removeAttribute("aria-activedescendant");
    if (!options.length) {
      closeBox();
      if (input.value.trim().length >= 2) searchStatus.textContent = S.noMatch;
      return;
    }
    options.forEach(function (option, i) {
      var li = document.createElement("li");
      li.id = "map-option-" + i; li.setAttribute("role", "option"); li.setAttribute("aria-selected", "false");
      var org = option.kind === "member" ? map.data.nodes.org[option.index] : -1;
      li.textContent = option.label + " — " + (option.kind === "org" ? S.organisation : (org >= 0 ? map.data.orgs[org].name : S.member));
      li.addEventListener("mousedown", function (event) { event.preventDefault(); choose(i); });
      box.appendChild(li);
    });
    box.hidden = false; input.setAttribute("aria-expanded", "true");
    searchStatus.textContent = fill(S.matches, { count: options.length });
  }

  function highlight(i) {
    active = (i + options.length) % options.length;
    Array.prototype.forEach.call(box.children, function (li, j) { li.setAttribute("aria-selected", j === active ? "true" : "false"); });
    input.setAttribute("aria-activedescendant", "map-option-" + active);
  }

  function choose(i) {
    var option = options[i];
    closeBox();
    if (!option) return;
    input.value = option.label;
    if (option.kind === "org") setFocus({ kind: "org", org: option.org }, true);
    else focusMember(option.key);
  }

  input.addEventListener("input", showOptions);
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" && options.length) { event.preventDefault(); highlight(active + 1); }
    else if (event.key === "ArrowUp" && options.length) { event.preventDefault(); highlight(active - 1); }
    else if (event.key === "Escape") { closeBox(); }
    else if (event.key === "Enter" && options.length) {
      event.preventDefault();
      choose(active >= 0 ? active : 0);
    }
  });
  input.addEventListener("blur", function () { setTimeout(closeBox, 150); });

  // ---- loading a day -------------------------------------------------------------------
  var loading = null;
  function fetchDay(day) {
    return fetch(config.data + "?as_of=" + encodeURIComponent(day), {
      credentials: "same-origin", headers: { Accept: "application/json" },
    }).then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    });
  }

  function show(data) {
    var keep = map.focus;
    map.data = data;
    map.lowerLabels = data.nodes.label.map(function (label) { return label.toLocaleLowerCase(); });
    var graph = buildGraph(data);
    map.graph = graph;
    if (map.renderer) {
      map.renderer.setGraph(graph);
    } else {
      map.renderer = new kit.Sigma(graph, container, {
        defaultNodeType: "shape",
        nodeProgramClasses: { shape: ShapeProgram },
        defaultEdgeType: "thin",
        edgeProgramClasses: { thin: kit.EdgeLineProgram, thick: kit.EdgeRectangleProgram },
        nodeReducer: nodeReducer,
        edgeReducer: edgeReducer,
        // sorting 60,000 edges by depth on every refresh costs more than it shows on a large map
        zIndex: data.nodes.id.length <= LARGE,
        // the most connected are named first; more names appear as one zooms in
        labelRenderedSizeThreshold: data.nodes.id.length > LARGE ? 4.5 : 7,
        labelDensity: 0.6,
        labelGridCellSize: 110,
        labelFont: "system-ui, 'DejaVu Sans', sans-serif",
        labelSize: 13,
        labelColor: { color: "#1f2328" },
        hideEdgesOnMove: data.nodes.id.length > 2000,
        minCameraRatio: 0.02,
        maxCameraRatio: 3,
      });
      // the same frame for every day of the replay, so nobody moves when others join
      map.renderer.setCustomBBox({ x: [0, 1000], y: [-1000, 0] });
      map.renderer.on("clickNode", function (event) { focusMember(event.node); });
      map.renderer.on("clickStage", function () { if (map.focus) setFocus(null, false); });
    }
    readFilters();
    if (keep && keep.kind === "member" && !map.graph.hasNode(keep.key)) keep = null;
    if (keep) setFocus(keep, false); else map.renderer.refresh({ schedule: true });
    describe();
    var title = $("map-title");
    title.textContent = fill(S.asOf, { day: new Date(data.asOf + "T12:00:00").toLocaleDateString(document.documentElement.lang || undefined, { day: "numeric", month: "long", year: "numeric" }) });
    map.day = data.asOf;
  }

  function load(day) {
    var started = performance.now();
    var fetched;
    var request = fetchDay(day).then(function (data) {
      fetched = performance.now();
      show(data);
      // drawn: two frames later
      return new Promise(function (done) {
        requestAnimationFrame(function () { requestAnimationFrame(function () { done(data); }); });
      });
    }).then(function (data) {
      map.timings.lastFetch = fetched - started;
      map.timings.lastDraw = performance.now() - fetched;
      return data;
    });
    loading = request;
    return request;
  }

  // ---- replay --------------------------------------------------------------------------
  var slider = $("replay"), output = $("replay-day"), play = $("replay-play"), timer = null;
  function dayAt(index) { return config.months[Math.max(0, Math.min(config.months.length - 1, index))]; }
  function syncTable(day) {
    form.elements.as_of.value = day;
    form.elements.as_of.dispatchEvent(new Event("change", { bubbles: true }));
  }
  // the day in words of the page's language ("1 maart 2025"), as the title says it
  function dayName(day) {
    return new Date(day + "T12:00:00").toLocaleDateString(document.documentElement.lang || undefined, { day: "numeric", month: "long", year: "numeric" });
  }
  slider.addEventListener("input", function () { output.textContent = dayName(dayAt(+slider.value)); });
  slider.addEventListener("change", function () {
    var day = dayAt(+slider.value);
    load(day).then(function () { if (!timer) syncTable(day); });
  });
  function stop() {
    if (timer) clearTimeout(timer);
    timer = null;
    play.setAttribute("aria-pressed", "false"); play.textContent = S.play;
    syncTable(map.day);
  }
  function step() {
    var next = +slider.value + 1;
    if (next >= config.months.length) { stop(); return; }
    slider.value = next; output.textContent = dayName(dayAt(next));
    load(dayAt(next)).then(function () { if (timer) timer = setTimeout(step, 700); }, stop);
  }
  play.addEventListener("click", function () {
    if (timer) { stop(); return; }
    if (+slider.value >= config.months.length - 1) slider.value = 0;
    play.setAttribute("aria-pressed", "true"); play.textContent = S.pause;
    timer = setTimeout(step, 0);
  });

  // ---- the rest of the page's controls -------------------------------------------------
  form.addEventListener("change", function (event) {
    var name = event.target.name;
    if (!map.graph) return;
    if (name === "organisation" || name === "dossier" || name === "layer") {
      readFilters();
      if (map.focus) setFocus(map.focus, false); else map.renderer.refresh({ schedule: true });
      describe();
    } else if (name === "as_of" && event.target.value && event.target.value !== map.day && event.isTrusted) {
      load(event.target.value);
    }
  });
  document.addEventListener("click", function (event) {
    var target = event.target.closest("[data-member], [data-org], [data-zoom], #map-focus-clear");
    if (!target || !map.renderer) return;
    if (target.id === "map-focus-clear") { setFocus(null, true); input.value = ""; return; }
    if (target.dataset.zoom) {
      var camera = map.renderer.getCamera();
      if (target.dataset.zoom === "in") camera.animatedZoom({ duration: 250 });
      else if (target.dataset.zoom === "out") camera.animatedUnzoom({ duration: 250 });
      else camera.animatedReset({ duration: 250 });
      return;
    }
    if (target.dataset.org !== undefined && target.closest(".map-legend")) {
      event.preventDefault();
      setFocus({ kind: "org", org: +target.dataset.org }, true);
      return;
    }
    if (target.dataset.member && target.tagName === "BUTTON") {
      if (focusMember(target.dataset.member)) container.scrollIntoView({ block: "nearest" });
    }
  });

  // ---- start ---------------------------------------------------------------------------
  if (!kit || !ShapeProgram || !window.WebGLRenderingContext) { say(S.noWebgl); return; }
  say(S.loading);
  var started = performance.now();
  load(config.asOf).then(function () {
    map.timings.firstDraw = performance.now() - started;
    say("");
    if (input.value.trim()) {
      var found = matches(input.value);
      if (found.length) { options = found; choose(0); }
    }
    map.ready = true;
    container.dataset.ready = "true";
  }, function (error) {
    if (window.console) console.error(error);
    say(error && error.message === "WebGL" ? S.noWebgl : S.failed);
    container.dataset.ready = "failed";
  });
})();
