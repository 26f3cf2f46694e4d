// A copy of the site of one test's own, served by nginx (`cargo xtask test` serves AURORA_LIVE_DIR at
// AURORA_LIVE_URL), whose catalogue the test replaces the way a publisher uploads a new one. The
// updates in AURORA_UPDATES_DIR are real `aurora build` outputs, some damaged on purpose
// (xtask/src/updates.rs says how).
import fs from 'node:fs';
import path from 'node:path';

const { AURORA_SITE_DIR, AURORA_UPDATES_DIR, AURORA_LIVE_DIR, AURORA_LIVE_URL } = process.env;

function versionIn(dir) {
  return JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')).catalogue_version;
}

/// The catalogue version the site starts with.
export const baseVersion = versionIn(path.join(AURORA_SITE_DIR, 'catalogue'));
/// The version of the `next` update.
export const nextVersion = versionIn(path.join(AURORA_UPDATES_DIR, 'next'));

export function liveSite(testInfo) {
  const slug = `site-${testInfo.testId}-${testInfo.retry}`;
  const root = path.join(AURORA_LIVE_DIR, slug);
  fs.rmSync(root, { recursive: true, force: true });
  fs.cpSync(AURORA_SITE_DIR, root, { recursive: true });
  let published = 0;
  return {
    url: new URL(`${slug}/`, AURORA_LIVE_URL).href,
    /// Replaces the served catalogue with the update `name`, in one rename.
    publish(name) {
      const catalogue = path.join(root, 'catalogue');
      const incoming = path.join(root, 'catalogue.incoming');
      const outgoing = path.join(root, 'catalogue.outgoing');
      fs.cpSync(path.join(AURORA_UPDATES_DIR, name), incoming, { recursive: true });
      // nginx's ETag is the file's mtime (in seconds) and size. A test publishes within a second of the
      // first visit, and a manifest of the same size would then be "not modified"; a real upload is
      // seconds apart. So each publication is stamped ten seconds after the last.
      published += 1;
      const stamp = new Date(Date.now() + published * 10_000);
      for (const file of fs.readdirSync(incoming)) fs.utimesSync(path.join(incoming, file), stamp, stamp);
      fs.renameSync(catalogue, outgoing);
      fs.renameSync(incoming, catalogue);
      fs.rmSync(outgoing, { recursive: true, force: true });
    },
  };
}
