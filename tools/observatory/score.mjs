// Scores captured responses with the HTTP Observatory's own tests and grader, offline.
//
// The published scanner (mdn-http-observatory-scan) only fetches live hosts over the
// network. Here we build the same `Requests` object it builds (as the package's own test
// helpers do) from responses captured by Django's test client, then run ALL_TESTS and the
// scanner's scoring code. Input on stdin:
//   {"pages": {"name": {"url", "status", "headers": [[name, value]...], "body",
//              "http": {"status", "headers"}, "httpRedirects": [{"url", "status"}]}}}
// Output: {"name": {"grade", "score", "tests": {test: {result, pass, scoreModifier}}}}
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

import { AxiosHeaders } from "axios";
import { ALL_TESTS } from "@mdn/mdn-http-observatory/src/constants.js";
import { MINIMUM_SCORE_FOR_EXTRA_CREDIT } from "@mdn/mdn-http-observatory/src/grader/charts.js";
import {
  getGradeForScore,
  getScoreModifier,
} from "@mdn/mdn-http-observatory/src/grader/grader.js";
import { Session } from "@mdn/mdn-http-observatory/src/retriever/session.js";
import { parseHttpEquivHeaders } from "@mdn/mdn-http-observatory/src/retriever/utils.js";
import { Requests } from "@mdn/mdn-http-observatory/src/types.js";

function toResponse(captured) {
  const headers = new AxiosHeaders();
  const cookies = [];
  for (const [name, value] of captured.headers) {
    if (name.toLowerCase() === "set-cookie") cookies.push(value);
    else headers.set(name, value);
  }
  if (cookies.length) headers.set("set-cookie", cookies);
  return {
    headers,
    request: { headers: new AxiosHeaders() },
    status: captured.status,
    statusText: "",
    verified: true,
    data: captured.body ?? "",
    config: { headers: new AxiosHeaders() },
  };
}

function score(page) {
  const url = new URL(page.url);
  const req = new Requests(url.hostname);
  req.session = new Session(url);
  req.responses.auto = toResponse(page);
  req.responses.https = req.responses.auto;
  req.responses.cors = req.responses.auto;
  req.responses.http = page.http ? toResponse({ body: "", ...page.http }) : null;
  req.responses.httpRedirects = page.httpRedirects.map((r) => ({
    url: new URL(r.url),
    status: r.status,
  }));
  req.responses.httpsRedirects = [{ url, status: page.status }];
  req.resources.path = page.body;
  req.responses.auto.httpEquiv = parseHttpEquivHeaders(page.body, url.href);
  for (const [name, value] of page.headers) {
    if (name.toLowerCase() === "set-cookie") req.session.jar.setCookieSync(value, url.href);
  }

  // The same arithmetic as src/scanner/index.js.
  let scoreWithExtraCredit = 100;
  let uncurvedScore = 100;
  const tests = {};
  for (const test of ALL_TESTS) {
    const result = test(req);
    const modifier = result.result ? getScoreModifier(result.result) : 0;
    scoreWithExtraCredit += modifier;
    if (modifier < 0) uncurvedScore += modifier;
    tests[result.constructor.name] = {
      result: result.result,
      pass: result.pass,
      scoreModifier: modifier,
    };
  }
  const final = getGradeForScore(
    uncurvedScore >= MINIMUM_SCORE_FOR_EXTRA_CREDIT ? scoreWithExtraCredit : uncurvedScore
  );
  return { grade: final.grade, score: final.score, tests };
}

// The package's install script downloads Chromium's HSTS preload list, which cannot be
// fetched here (installed with --ignore-scripts). An empty list means "not preloaded",
// which is true for the clinic's domain, so HSTS is scored from the header alone.
const pkgDir = path.dirname(
  createRequire(import.meta.url).resolve("@mdn/mdn-http-observatory/package.json")
);
const preload = path.join(pkgDir, "conf", "hsts-preload.json");
if (!fs.existsSync(preload)) fs.writeFileSync(preload, "{}");

let input = "";
process.stdin.setEncoding("utf8");
for await (const chunk of process.stdin) input += chunk;
const { pages } = JSON.parse(input);
const out = {};
for (const [name, page] of Object.entries(pages)) out[name] = score(page);
console.log(JSON.stringify(out, null, 2));
