// Worker: writeReport in a process of its own, so a test can run it under limits the test
// process must not have (another user, a file-size limit, a read-only mount). Reads the
// report as JSON on stdin, writes it to argv[2], prints the Result as one JSON line.

import type { Report } from '../../contract/report';
import { writeReport } from '../../electron/report/write-report';

const chunks: Buffer[] = [];
for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
const report = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Report;
const result = await writeReport({ report, path: process.argv[2] ?? '' });
process.stdout.write(`${JSON.stringify(result)}\n`);
