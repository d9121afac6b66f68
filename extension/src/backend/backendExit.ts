/**
 * What to tell the user when the backend could not start or stopped: its own last words (stderr, without stack
 * frames) when it said any, and a plain statement when the cause is a missing .NET runtime.
 */
export function explainBackendExit(stderrTail: string[], reason: string): string {
  const tail = stderrTail.filter(line => !/^\s*at /.test(line)).slice(-3).join(' ');
  if (/You must install or update \.NET|Framework: 'Microsoft\.NETCore\.App'|No frameworks were found/i.test(tail))
    return `The .NET 10 runtime is missing, and the Lambda DevTools backend needs it: install .NET 10 (https://dotnet.microsoft.com/download). ${tail}`;
  return tail ? `The Lambda DevTools backend stopped: ${tail}` : `The Lambda DevTools backend could not be started: ${reason}`;
}
