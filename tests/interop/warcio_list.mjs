// Lists the records of WARC files as the warcio library (webrecorder) reads them, one JSON object
// per line, so a test can compare with what Framescope wrote. Exit 1 on any parse error.
import { WARCParser } from 'warcio';
import fs from 'fs';

for (const file of process.argv.slice(2)) {
  const parser = new WARCParser(fs.createReadStream(file));
  try {
    for await (const record of parser) {
      const payload = await record.readFully(false);
      console.log(JSON.stringify({
        file,
        type: record.warcType,
        uri: record.warcTargetURI,
        id: record.warcHeader('WARC-Record-ID'),
        status: record.httpHeaders ? record.httpHeaders.statusCode : null,
        payload_length: payload ? payload.length : 0,
      }));
    }
  } catch (e) {
    console.error(`${file}: ${e.message}`);
    process.exit(1);
  }
}
