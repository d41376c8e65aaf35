// The bundle's stand-in for Yoga (scripts/bundle-plugins.js, yogaWithoutLayout) is generated from
// the methods Ink's build calls on Yoga nodes: every one of them exists on the stand-in, and an
// Ink that calls one the stand-in does not know fails the build instead of the live view.

import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { tempFolder } from '../support/guarded-server.js';

const plugins = (await import(new URL('../../../scripts/bundle-plugins.js', import.meta.url).href)) as {
  yogaWithoutLayoutIndex: (inkBuild: string) => string;
};
const INK_BUILD = dirname(createRequire(import.meta.url).resolve('ink'));

/** A Yoga node as the stand-in makes them. */
type StandInNode = Record<string, (...args: unknown[]) => unknown>;

/** The stand-in's Node.create, from the generated module text (its imports and exports taken out). */
function standInCreate(source: string): () => StandInNode {
  const body = source
    .replace(/^import .*$/m, 'const YGEnums = { DISPLAY_FLEX: 0 };')
    .replace(/^export default Yoga;$/m, 'return Yoga;')
    .replace(/^export \* from .*$/m, '');
  const Yoga = new Function(body)() as { Node: { create: () => StandInNode } };
  return () => Yoga.Node.create();
}

describe('the bundle without Yoga', () => {
  it('has every method Ink calls on a Yoga node; children are kept, sizes are 0', () => {
    const source = plugins.yogaWithoutLayoutIndex(INK_BUILD);
    const create = standInCreate(source);
    const root = create();
    for (const name of ['insertChild', 'removeChild', 'getChildCount', 'calculateLayout', 'setWidth', 'setFlexDirection', 'getComputedWidth', 'freeRecursive']) {
      assert.equal(typeof root[name], 'function', name);
    }
    const a = create();
    const b = create();
    root.insertChild(a, 0);
    root.insertChild(b, 0);
    assert.equal(root.getChildCount(), 2);
    root.removeChild(a);
    assert.equal(root.getChildCount(), 1);
    root.setWidth(120);
    root.calculateLayout(120, 40);
    assert.equal(root.getComputedWidth(), 0);
    root.setDisplay(1);
    assert.equal(root.getDisplay(), 1);
  });

  it('fails the build when Ink calls a Yoga method the stand-in does not know', (t) => {
    const folder = tempFolder(t, 'cluster-top-ink-build-');
    mkdirSync(join(folder, 'sub'));
    writeFileSync(join(folder, 'dom.js'), 'node.yogaNode?.insertChild(child.yogaNode, 0);\nnode.yogaNode.setFlexGrow(1);\n');
    writeFileSync(join(folder, 'sub', 'layout.js'), 'const box = node.yogaNode.getComputedLayout();\n');
    assert.throws(() => plugins.yogaWithoutLayoutIndex(folder), /Ink calls Yoga's Node\.getComputedLayout, which this plugin does not know/);
    writeFileSync(join(folder, 'sub', 'layout.js'), 'node.yogaNode.setAspectRatio(2);\n');
    assert.match(plugins.yogaWithoutLayoutIndex(folder), /setAspectRatio\(\) \{\}/, 'an unknown setter is a no-op');
  });
});
