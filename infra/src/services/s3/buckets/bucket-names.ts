/**
 * What S3 finds wrong with a general purpose bucket name, if anything: one rule for CreateBucket and
 * for the template's `BucketName`.
 */
export function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return 'it must be 3 to 63 characters long';
  if (!/^[a-z0-9.-]+$/.test(name))
    return 'only lowercase letters, digits, dots (.) and hyphens (-) are allowed';
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name))
    return 'it must begin and end with a letter or digit';
  if (name.includes('..')) return 'it must not have two dots in a row';
  if (/^\d+(\.\d+){3}$/.test(name)) return 'it must not be formatted as an IP address';
  const prefix = ['xn--', 'sthree-', 'amzn-s3-demo-'].find((reserved) => name.startsWith(reserved));
  if (prefix) return `the prefix ${prefix} is reserved`;
  const suffix = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'].find((reserved) =>
    name.endsWith(reserved),
  );
  if (suffix) return `the suffix ${suffix} is reserved`;
  return undefined;
}
