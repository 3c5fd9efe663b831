/** DecodeAuthorizationMessage on the handler: Kiln's own encoded messages decode, anything else does not. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AwsError } from '../../../kernel/errors.js';
import { describeDecision, encodeAuthorizationMessage } from '../../../policy/authorization-message.js';
import { handlerHarness } from '../../../../test/helpers/handler-context.js';
import { DecodeAuthorizationMessage } from './DecodeAuthorizationMessage.js';

describe('DecodeAuthorizationMessage', () => {
  it('decodes a message Kiln encoded into the JSON of the decision', async () => {
    const h = handlerHarness();
    const encoded = encodeAuthorizationMessage(describeDecision({
      principal: { id: 'AIDA00000000000000001', name: 'alice', arn: 'arn:aws:iam::123456789012:user/alice' },
      action: 'iam:CreateUser', resource: 'arn:aws:iam::123456789012:user/bob', values: { 'aws:RequestedRegion': 'us-east-1' },
      decision: { decision: 'implicitDeny', matchedStatements: [], missingContextValues: [], reason: 'because no identity-based policy allows the iam:CreateUser action' },
      policies: [],
    }));
    const { DecodedMessage } = await h.root((ctx) => DecodeAuthorizationMessage({ EncodedMessage: encoded }, ctx));
    const decoded = JSON.parse(DecodedMessage!);
    assert.equal(decoded.allowed, false);
    assert.equal(decoded.explicitDeny, false);
    assert.equal(decoded.context.action, 'iam:CreateUser');
    assert.equal(decoded.context.principal.arn, 'arn:aws:iam::123456789012:user/alice');
    assert.deepEqual(decoded.failures.items, [{ reason: 'because no identity-based policy allows the iam:CreateUser action' }]);

    for (const text of ['garbage', encoded.slice(0, -4), `${encoded.slice(0, 10)}A${encoded.slice(11)}`]) {
      await assert.rejects(h.root((ctx) => DecodeAuthorizationMessage({ EncodedMessage: text }, ctx)), (e: AwsError) =>
        e.code === 'InvalidAuthorizationMessageException' && e.message === 'The encoded authorization message is not valid.');
    }
    await h.close();
  });
});
