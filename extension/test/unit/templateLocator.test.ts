import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import locations from '../../../tests/Cases/template-locations.json';
import { isTemplateFile, locateTemplate, resolveTemplate, workspaceOf } from '../../src/backend/templateLocator';

/** A fresh folder holding `files`, removed after `run`. */
function withFiles(files: string[], run: (root: string) => void): void {
  const root = mkdtempSync(join(tmpdir(), 'template-locator-'));
  try {
    for (const file of files) {
      mkdirSync(dirname(join(root, file)), { recursive: true });
      writeFileSync(join(root, file), 'Resources: {}\n');
    }
    run(root);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

// The cases TemplateLocatorTests (tests/DevTools.Protocol.Tests) runs on the .NET rule.
for (const c of locations.cases) {
  test(`the shared template rule: ${c.name}`, () =>
    withFiles(c.files, root => {
      const found = resolveTemplate(join(root, c.input));
      assert.equal(found, c.expected === null ? undefined : join(root, c.expected));
      if (found) assert.equal(workspaceOf(found), join(root, c.workspace));
    }));
}

test("the extension's template: the setting (file or folder), else a workspace folder's, else the shallowest folder's", () =>
  withFiles(['w/template.yml', 'w/api/template.yaml', 'v/sam/template.yaml', 'v/sam/.aws-sam/build/template.yaml', 'v/sam/deep/template.yaml'], root => {
    const w = join(root, 'w');
    const v = join(root, 'v');
    assert.equal(locateTemplate('api/template.yaml', [w], []), join(w, 'api/template.yaml'));
    assert.equal(locateTemplate('api', [w], []), join(w, 'api/template.yaml'));
    assert.equal(locateTemplate('missing.yaml', [w], []), undefined);
    assert.equal(locateTemplate('', [w], [join(w, 'api/template.yaml')]), join(w, 'template.yml'));
    const found = [join(v, 'sam/deep/template.yaml'), join(v, 'sam/template.yaml'), join(v, 'other.yaml')];
    assert.equal(locateTemplate('', [v], found), join(v, 'sam/.aws-sam/build/template.yaml'));
    assert.equal(locateTemplate('', [join(root, 'x')], []), undefined);
    assert.ok(isTemplateFile('/w/Template.YAML') && !isTemplateFile('/w/template.json'));
  }));
