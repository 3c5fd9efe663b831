import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ImageStatus, LifecyclePolicyDetail } from '../../../generated/imagebuilder.js';
import { planRun, type PolicyRules } from './lifecycle-rules.js';
import type { ImageRecord } from './records.js';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.parse('2026-03-31T00:00:00.000Z');

/** Build `build` of recipe `name` `version`, `ageDays` old. */
function image(build: number, ageDays: number, extra: { status?: ImageStatus; tags?: Record<string, string>; version?: string; name?: string; type?: 'AMI' | 'DOCKER' } = {}): ImageRecord {
  const name = extra.name ?? 'web';
  const version = extra.version ?? '1.0.0';
  return {
    arn: `arn:aws:imagebuilder:us-east-1:123456789012:image/${name}/${version}/${build}`, name, type: extra.type ?? 'AMI',
    version: `${version}/${build}`, semanticVersion: version, build, state: { status: extra.status ?? 'AVAILABLE' },
    dateCreated: new Date(NOW - ageDays * DAY).toISOString(), tags: extra.tags ?? {},
    imageRecipe: { name, version },
  };
}

function policy(...details: LifecyclePolicyDetail[]): PolicyRules {
  return { resourceType: 'AMI_IMAGE', policyDetails: details, resourceSelection: { recipes: [{ name: 'web', semanticVersion: '1.x.x' }] } };
}

const plan = (rules: PolicyRules, images: ImageRecord[]) =>
  planRun(rules, images, NOW).map((p) => `${p.image.build}:${p.action}${p.skipReason ? ':SKIPPED' : ''}`);

describe('lifecycle rules', () => {
  it('COUNT keeps the newest images of each recipe version and acts on the rest', () => {
    const images = [image(1, 4), image(2, 3), image(3, 2), image(4, 1), image(1, 9, { version: '1.1.0' })];
    assert.deepEqual(plan(policy({ action: { type: 'DELETE' }, filter: { type: 'COUNT', value: 2 } }), images), ['2:DELETE', '1:DELETE']);
  });

  it('AGE acts on images older than the threshold, keeping retainAtLeast of the newest', () => {
    const images = [image(1, 40), image(2, 35), image(3, 10)];
    const rule: LifecyclePolicyDetail = { action: { type: 'DEPRECATE' }, filter: { type: 'AGE', value: 30, unit: 'DAYS' } };
    assert.deepEqual(plan(policy(rule), images), ['2:DEPRECATE', '1:DEPRECATE']);
    assert.deepEqual(plan(policy({ ...rule, filter: { ...rule.filter, retainAtLeast: 2 } }), images), ['1:DEPRECATE']);
    assert.deepEqual(plan(policy({ ...rule, filter: { type: 'AGE', value: 1, unit: 'MONTHS' } }), images), ['2:DEPRECATE', '1:DEPRECATE']);
  });

  it('applies one action per image, DEPRECATE before DISABLE before DELETE, and skips states a rule does not take', () => {
    const images = [image(1, 50), image(2, 50, { status: 'DEPRECATED' }), image(3, 50, { status: 'DISABLED' }), image(4, 50, { status: 'FAILED' })];
    const rules = policy(
      { action: { type: 'DELETE' }, filter: { type: 'AGE', value: 45, unit: 'DAYS' } },
      { action: { type: 'DEPRECATE' }, filter: { type: 'AGE', value: 10, unit: 'DAYS' } },
      { action: { type: 'DISABLE' }, filter: { type: 'AGE', value: 20, unit: 'DAYS' } },
    );
    assert.deepEqual(plan(rules, images).sort(), ['1:DEPRECATE', '2:DISABLE', '3:DELETE', '4:DELETE']);
  });

  it('FAILED and CANCELLED images take no retention slot and always qualify for DELETE', () => {
    const images = [image(1, 3), image(2, 2, { status: 'FAILED' }), image(3, 1, { status: 'CANCELLED' })];
    assert.deepEqual(plan(policy({ action: { type: 'DELETE' }, filter: { type: 'COUNT', value: 1 } }), images), ['3:DELETE', '2:DELETE']);
  });

  it('an exclusion tag keeps an image beyond the retention window (SKIPPED) without taking a slot', () => {
    const images = [image(1, 4), image(2, 3, { tags: { keep: 'yes' } }), image(3, 2), image(4, 1, { tags: { keep: 'yes' } })];
    const rule: LifecyclePolicyDetail = { action: { type: 'DELETE' }, filter: { type: 'COUNT', value: 1 }, exclusionRules: { tagMap: { keep: 'yes' } } };
    // 4 is tagged inside the window (stays, no slot), 3 takes the slot, 2 is SKIPPED, 1 goes.
    assert.deepEqual(plan(policy(rule), images), ['2:DELETE:SKIPPED', '1:DELETE']);
  });

  it('selects by recipe name and wildcard version, or by any tag pair, and only the policy\'s image type', () => {
    const images = [image(1, 9), image(1, 9, { version: '2.0.0' }), image(1, 9, { name: 'api', tags: { env: 'test' } }), image(1, 9, { name: 'box', type: 'DOCKER', tags: { env: 'test' } })];
    const rule: LifecyclePolicyDetail = { action: { type: 'DELETE' }, filter: { type: 'AGE', value: 1, unit: 'DAYS' } };
    assert.deepEqual(planRun(policy(rule), images, NOW).map((p) => p.image.arn.split('/').slice(1).join('/')), ['web/1.0.0/1']);
    const byTag: PolicyRules = { resourceType: 'AMI_IMAGE', policyDetails: [rule], resourceSelection: { tagMap: { env: 'test', team: 'x' } } };
    assert.deepEqual(planRun(byTag, images, NOW).map((p) => p.image.arn.split('/').slice(1).join('/')), ['api/1.0.0/1']);
  });

  it('leaves images with a build in progress for a later run', () => {
    const images = [image(1, 9), image(2, 8, { status: 'BUILDING' })];
    assert.deepEqual(plan(policy({ action: { type: 'DELETE' }, filter: { type: 'AGE', value: 1, unit: 'DAYS' } }), images), ['1:DELETE']);
  });
});
