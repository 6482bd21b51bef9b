// Opens the RenderFarm gallery in Debian's chromium (never a downloaded browser) through
// playwright-core and reports, as one JSON object on stdout, what a person would see for one
// render: its row, whether its poster image decoded, whether its MP4 loads, how long it is and
// whether seeking works (which needs the server's range requests). The xunit test
// RenderFarm.Service.Tests.Api.GalleryBrowserTests starts a real server, renders, runs this and
// judges the result; run by hand: node gallery.mjs http://127.0.0.1:5080/ RENDER_ID shot.png
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [url, renderId, screenshot] = process.argv.slice(2);
if (!url || !renderId || !screenshot) {
  console.error('usage: node gallery.mjs GALLERY_URL RENDER_ID SCREENSHOT.png');
  process.exit(2);
}

const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
// A fresh profile each run: no cookies, cache or first-run state from an earlier run.
const profile = mkdtempSync(join(tmpdir(), 'renderfarm-chromium-'));
const args = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

const context = await chromium.launchPersistentContext(profile, { executablePath, headless: true, args });
try {
  const page = context.pages()[0] ?? await context.newPage();
  const response = await page.goto(url, { waitUntil: 'load' });
  const row = page.locator(`article.render[data-id="${renderId}"]`);
  const found = await row.count() === 1;
  const result = {
    status: response?.status() ?? 0,
    contentType: response?.headers()['content-type'] ?? '',
    found,
    browser: context.browser()?.version() ?? null,
  };
  if (found) {
    result.scene = (await row.locator('.scene').textContent())?.trim();
    result.state = await row.getAttribute('data-state');
    result.jsonLink = await row.locator('a.json').getAttribute('href');
    result.dashboardLink = await page.locator('a[href="/hangfire"]').count() > 0;
    result.posters = await row.locator('img.poster').evaluateAll(images => Promise.all(images.map(async img => {
      // decode() settles once the image has loaded (or failed): naturalWidth is then the real width.
      try { await img.decode(); } catch { /* a broken image keeps naturalWidth 0 */ }
      return { src: img.getAttribute('src'), naturalWidth: img.naturalWidth, naturalHeight: img.naturalHeight };
    })));
    result.videos = await row.locator('video').evaluateAll(videos => Promise.all(videos.map(video => new Promise(resolve => {
      const report = extra => resolve({
        src: video.getAttribute('src'),
        canPlayH264: video.canPlayType('video/mp4; codecs="avc1.64001f"'),
        readyState: video.readyState,
        duration: Number.isFinite(video.duration) ? video.duration : null,
        videoWidth: video.videoWidth,
        videoHeight: video.videoHeight,
        error: video.error ? video.error.code : null,
        seekableEnd: video.seekable.length > 0 ? video.seekable.end(video.seekable.length - 1) : 0,
        ...extra,
      });
      const seek = () => {
        // Seeking to the middle: the browser asks the server for a byte range it has not read yet.
        video.addEventListener('seeked', () => report({ seeked: true, currentTime: video.currentTime }), { once: true });
        video.currentTime = video.duration / 2;
      };
      video.addEventListener('error', () => report({ seeked: false }), { once: true });
      setTimeout(() => report({ seeked: false, timedOut: true }), 20000);
      if (video.readyState >= 1) {
        seek();
      } else {
        video.addEventListener('loadedmetadata', seek, { once: true });
        if (video.networkState === HTMLMediaElement.NETWORK_EMPTY) video.load();
      }
    }))));
  }

  await page.screenshot({ path: screenshot, fullPage: true });
  result.screenshot = screenshot;
  console.log(JSON.stringify(result));
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
