// Aurora widget loader, for municipalities' web pages: turns each <div data-aurora ...> into a cross-origin
// iframe of Aurora's embed.html, preset from the element's data- attributes (municipality, lang,
// life-event, accent, font, radius, height, title; documented on Aurora's municipalities.html).
// No framework and nothing inline, so it works under a strict host CSP (style only through the CSSOM).
// The frame loads when scrolled into view and is the only request made. Auto height: the frame posts its
// height, a bare number, to this page's origin (declared as `parent=` in its fragment); this loader
// accepts a height only from Aurora's origin and only from that widget's own frame, and ignores anything
// else. The fragment format and the same checks on the frame's side: app/src/embed.rs.
(() => {
  'use strict';
  const script = document.currentScript;
  if (!script || !script.src || window.auroraWidget) return;
  window.auroraWidget = Object.freeze({ version: 1 });

  const base = new URL('.', script.src);
  const AURORA = base.origin;
  const EMBED = new URL('embed.html', base).href;
  // The same words as `embed-frame-title` in app/locales/*/app.ftl (a unit test compares them).
  const TITLES = {
    fi: 'Aurora – palveluja elämäntilanteeseesi',
    sv: 'Aurora – tjänster för din livssituation',
    en: 'Aurora – services for your life situation',
  };
  const LANGS = ['fi', 'sv', 'en'];
  const FONTS = ['system', 'sans-serif', 'serif', 'verdana'];
  const SANDBOX = 'allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox';
  const CODE = /^[A-Za-z0-9._-]{1,32}$/;
  const COLOUR = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;
  const RADIUS = /^([0-9]|[12][0-9]|3[0-2])(?:px)?$/;
  const FIXED = /^([0-9]{3,4})(?:px)?$/;
  const FIXED_MIN = 240;
  const FIXED_MAX = 4000;
  const AUTO_START = 640;
  const AUTO_MIN = 150;
  const AUTO_MAX = 20000;
  // A page opened from a file or a sandbox has no origin to be told the height at.
  const HOST = /^https?:$/.test(location.protocol) && location.origin !== 'null' ? location.origin : '';
  const autoFrames = [];
  const seen = new WeakSet();

  const pageLang = () => {
    const lang = (document.documentElement.lang || '').slice(0, 2).toLowerCase();
    return LANGS.includes(lang) ? lang : '';
  };

  const fragment = (data, lang, auto) => {
    const parts = [];
    const add = (key, value) => parts.push(key + '=' + encodeURIComponent(value));
    if (lang) add('lang', lang);
    if (CODE.test(data.municipality || '')) add('municipality', data.municipality);
    if (CODE.test(data.lifeEvent || '')) add('event', data.lifeEvent);
    if (COLOUR.test(data.accent || '')) add('accent', data.accent.toLowerCase());
    if (FONTS.includes(data.font)) add('font', data.font);
    const radius = RADIUS.exec(data.radius || '');
    if (radius) add('radius', radius[1]);
    if (auto && HOST) add('parent', HOST);
    return parts.join('&');
  };

  const mount = (element) => {
    const data = element.dataset;
    const lang = LANGS.includes(data.lang) ? data.lang : pageLang();
    const fixed = FIXED.exec(data.height || '');
    const height = fixed ? Math.min(Math.max(Number(fixed[1]), FIXED_MIN), FIXED_MAX) : 0;
    const frame = document.createElement('iframe');
    frame.src = EMBED + '#' + fragment(data, lang, !height);
    frame.title = (data.title || TITLES[lang || 'fi']).slice(0, 200);
    frame.setAttribute('sandbox', SANDBOX);
    frame.referrerPolicy = 'no-referrer';
    frame.className = 'aurora-frame';
    // The CSSOM, not a style attribute: a host CSP without 'unsafe-inline' styles allows it.
    const style = frame.style;
    style.display = 'block';
    style.width = '100%';
    style.border = '0';
    style.height = (height || AUTO_START) + 'px';
    // Forget frames whose widget was removed, then remember this one if it grows with its content.
    for (let i = autoFrames.length - 1; i >= 0; i -= 1) if (!autoFrames[i].isConnected) autoFrames.splice(i, 1);
    if (!height) autoFrames.push(frame);
    element.replaceChildren(frame);
  };

  window.addEventListener('message', (event) => {
    if (event.origin !== AURORA || !event.source) return;
    const height = event.data;
    if (typeof height !== 'number' || !Number.isFinite(height)) return;
    const frame = autoFrames.find((candidate) => candidate.contentWindow === event.source);
    if (!frame) return;
    frame.style.height = Math.min(Math.max(Math.ceil(height), AUTO_MIN), AUTO_MAX) + 'px';
  });

  const observer = 'IntersectionObserver' in window
    ? new IntersectionObserver((entries) => {
      for (const entry of entries) {
        if (entry.isIntersecting) {
          observer.unobserve(entry.target);
          mount(entry.target);
        }
      }
    }, { rootMargin: '200px 0px' })
    : null;

  const scan = (root) => {
    const found = root.matches && root.matches('[data-aurora]') ? [root] : [];
    if (root.querySelectorAll) found.push(...root.querySelectorAll('[data-aurora]'));
    for (const element of found) {
      if (seen.has(element)) continue;
      seen.add(element);
      if (observer) observer.observe(element);
      else mount(element);
    }
  };

  scan(document);
  // Widgets added later (a CMS that renders late, a single-page app, Aurora's own preview).
  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) if (node.nodeType === 1) scan(node);
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
