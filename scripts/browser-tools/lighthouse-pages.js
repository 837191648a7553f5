// Lighthouse's accessibility and SEO audits on many pages with one Chrome: the URLs come as
// arguments, one JSON object per page (scores and failing audits) goes to standard output.
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

const chromeFlags = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];
const chrome = await chromeLauncher.launch({chromePath: process.env.CHROME_PATH, chromeFlags});
try {
  for (const url of process.argv.slice(2)) {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['accessibility', 'seo'],
      // The live test server answers on loopback: throttling would only slow the run down.
      throttlingMethod: 'provided',
    });
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
