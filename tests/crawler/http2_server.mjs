// TLS test server for tests/crawler/http2_test.cc, on Node's built-in http2/https modules.
//
//   node http2_server.mjs MODE CERT KEY LOG
//
// MODE h2: offers HTTP/2 and HTTP/1.1 in the TLS handshake (ALPN), so the client decides.
// MODE http1: offers HTTP/1.1 only.
// Serves a small site (robots.txt with a Sitemap line, sitemap.xml, three article pages), logs
// every request as a JSON line {path, version} to LOG, and prints {"port": N} on stdout once it
// listens on 127.0.0.1. Stops on SIGTERM.
import fs from 'node:fs';
import http2 from 'node:http2';
import https from 'node:https';

const [mode, certPath, keyPath, logPath] = process.argv.slice(2);
const pages = {'/a.html': 'Alpha', '/b.html': 'Beta', '/c.html': 'Gamma'};

function handle(req, res) {
  fs.appendFileSync(logPath, JSON.stringify({path: req.url, version: req.httpVersion}) + '\n');
  const origin = 'https://' + (req.headers[':authority'] || req.headers.host);
  if (req.url === '/robots.txt') {
    res.writeHead(200, {'content-type': 'text/plain'});
    res.end(`User-agent: *\nAllow: /\nSitemap: ${origin}/sitemap.xml\n`);
  } else if (req.url === '/sitemap.xml') {
    const locs = Object.keys(pages).map((p) => `<url><loc>${origin}${p}</loc></url>`).join('');
    res.writeHead(200, {'content-type': 'application/xml'});
    res.end(`<?xml version="1.0" encoding="UTF-8"?>` +
            `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${locs}</urlset>`);
  } else if (pages[req.url]) {
    const title = pages[req.url];
    res.writeHead(200, {'content-type': 'text/html; charset=utf-8'});
    res.end(`<html><head><title>${title}</title></head><body><article><p>${title} ` +
            `(${req.httpVersion}) is a page of article text served over TLS.</p>` +
            `</article></body></html>`);
  } else {
    res.writeHead(404, {'content-type': 'text/plain'});
    res.end('not found');
  }
}

const tls = {cert: fs.readFileSync(certPath), key: fs.readFileSync(keyPath)};
const server = mode === 'h2'
  ? http2.createSecureServer({...tls, allowHTTP1: true}, handle)
  : https.createServer({...tls, ALPNProtocols: ['http/1.1']}, handle);
server.listen(0, '127.0.0.1', () => {
  console.log(JSON.stringify({port: server.address().port}));
});
process.on('SIGTERM', () => process.exit(0));
