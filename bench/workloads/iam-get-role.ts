/** IAM GetRole on one existing role: a signed read through the store. */
import { ASSUME_ROLE_POLICY, call, requestThroughput, type Workload } from '../harness.js';

const ROLE_NAME = 'bench-get-role';

export const iamGetRole: Workload = {
  ...requestThroughput({
    title: 'IAM GetRole',
    service: 'iam',
    action: 'GetRole',
    params: { RoleName: ROLE_NAME },
    setup: async (endpoint) => {
      await call(endpoint, 'iam', 'CreateRole', { RoleName: ROLE_NAME, AssumeRolePolicyDocument: ASSUME_ROLE_POLICY });
    },
  }),
  targets: [{
    description: 'Kiln GetRole throughput at c=32 >= 10x moto',
    evaluate(kiln, moto) {
      const label = 'IAM GetRole c=32: throughput';
      const ratio = (kiln.get(label) ?? NaN) / (moto.get(label) ?? NaN);
      return { met: ratio >= 10, detail: `${ratio.toFixed(1)}x (Kiln ${Math.round(kiln.get(label) ?? NaN)} vs moto ${Math.round(moto.get(label) ?? NaN)} req/s)` };
    },
  }],
};
