/** STS GetCallerIdentity: the cheapest signed request, so mostly SigV4 + HTTP overhead. */
import { requestThroughput } from '../harness.js';

export const stsGetCallerIdentity = requestThroughput({
  title: 'STS GetCallerIdentity',
  service: 'sts',
  action: 'GetCallerIdentity',
});
