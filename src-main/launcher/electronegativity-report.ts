export interface Finding {
  check: string;
  severity: string;
  location: string;
}

/** What fails the build: HIGH findings (electronegativity's top severity; the others are LOW to INFORMATIONAL). */
export function blockingFindings(findings: readonly Finding[]): Finding[] {
  return findings.filter((finding) => finding.severity === 'HIGH');
}
