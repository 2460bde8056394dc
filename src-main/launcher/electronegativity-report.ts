export interface Finding {
  check: string;
  severity: string;
  location: string;
}

/**
 * Reads electronegativity's CSV. Its writer can leave a row mangled (seen with the global CSP check),
 * so each line is read on its own and a line that does not start with a check name is counted, not
 * silently dropped: it becomes an UNREADABLE finding, which fails the run if it could hide a HIGH one.
 */
export function parseFindings(csv: string): Finding[] {
  const findings: Finding[] = [];
  for (const line of csv.split('\n').slice(1)) {
    if (line.trim() === '') continue;
    const match = /^([A-Z0-9_]+),"([A-Z]+)","[A-Z]+","([^"]*)","([^"]*)"/.exec(line);
    if (match) {
      findings.push({
        check: match[1] ?? '',
        severity: match[2] ?? '',
        location: `${match[3] ?? ''}:${match[4] ?? ''}`,
      });
    } else {
      const check = /wiki\/([A-Z0-9_]+)\s*$/.exec(line)?.[1] ?? 'UNKNOWN';
      findings.push({ check, severity: 'UNREADABLE', location: line.slice(0, 80) });
    }
  }
  return findings;
}
