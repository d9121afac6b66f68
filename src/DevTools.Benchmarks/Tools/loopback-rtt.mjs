// This machine's floor for any local invoke: the round trip of one byte over loopback TCP between two
// processes (an echo child), with Nagle off. Prints the p50 in microseconds.
import net from 'node:net';
import { spawn } from 'node:child_process';

const count = Number(process.argv[2] ?? 5000);
if (process.argv[2] === 'echo') {
  const server = net.createServer((socket) => {
    socket.setNoDelay(true);
    socket.on('data', (data) => socket.write(data));
  });
  server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`));
} else {
  const child = spawn(process.execPath, [process.argv[1], 'echo'], { stdio: ['ignore', 'pipe', 'inherit'] });
  child.stdout.once('data', (line) => {
    const socket = net.connect(Number(String(line).trim()), '127.0.0.1');
    socket.setNoDelay(true);
    const samples = [];
    let sent = process.hrtime.bigint();
    socket.on('data', () => {
      const now = process.hrtime.bigint();
      samples.push(Number(now - sent) / 1000);
      if (samples.length === count) {
        samples.sort((a, b) => a - b);
        console.log(samples[Math.floor(count / 2)].toFixed(1));
        child.kill();
        process.exit(0);
      }
      sent = process.hrtime.bigint();
      socket.write('x');
    });
    socket.write('x');
  });
}
