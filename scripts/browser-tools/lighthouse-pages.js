// Lighthouse's accessibility and SEO audits on many pages with one Chrome: the URLs come as
// arguments, one JSON object per page (scores and failing audits) goes to standard output.
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

const chromeFlags = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];
const flags = {output: 'json', logLevel: process.env.LIGHTHOUSE_LOG || 'error'};
// Accessibility and SEO read the loaded page: no screenshots and no waiting seconds for the
// network and processor to go quiet, which only slow down a run against a local server. (The
// default simulated throttling is kept: with any other method Lighthouse waits 5 s per page.)
const config = {
  extends: 'lighthouse:default',
  settings: {
    onlyCategories: ['accessibility', 'seo'],
    disableFullPageScreenshot: true,
    pauseAfterFcpMs: 1,
    pauseAfterLoadMs: 1,
    networkQuietThresholdMs: 1,
    cpuQuietThresholdMs: 1,
  },
};
const chrome = await chromeLauncher.launch({chromePath: process.env.CHROME_PATH, chromeFlags});
try {
  for (const url of process.argv.slice(2)) {
    flags.port = chrome.port;
    const result = await lighthouse(url, flags, config);
    const {categories, audits} = result.lhr;
    const failing = Object.values(audits)
      .filter((audit) => audit.scoreDisplayMode === 'binary' && audit.score === 0)
      .map((audit) => ({
        id: audit.id,
        title: audit.title,
        items: (audit.details?.items || []).slice(0, 5).map((item) =>
          item.node?.snippet || item.source?.url || JSON.stringify(item).slice(0, 200)),
      }));
    const scores = Object.fromEntries(
      Object.entries(categories).map(([name, category]) => [name, Math.round(category.score * 100)]),
    );
    console.log(JSON.stringify({url, scores, failing}));
  }
} finally {
  await chrome.kill();
}
