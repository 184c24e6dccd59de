import { describe, expect, it } from 'vitest';
import en from './en.json';
import ja from './ja.json';

type Tree = { [k: string]: string | Tree };

function flatKeys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : flatKeys(v, `${prefix}${k}.`)));
}

function interpolations(tree: Tree, prefix = ''): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(tree)) {
    if (typeof v === 'string') out[prefix + k] = [...v.matchAll(/{{(\w+)}}/g)].map((m) => m[1] ?? '').sort();
    else Object.assign(out, interpolations(v, `${prefix}${k}.`));
  }
  return out;
}

describe('i18n resources', () => {
  it('ja and en have exactly the same keys', () => {
    expect(flatKeys(en as Tree).sort()).toEqual(flatKeys(ja as Tree).sort());
  });

  it('ja and en use the same placeholders in every message', () => {
    expect(interpolations(en as Tree)).toEqual(interpolations(ja as Tree));
  });

  it('the incident reference has one name everywhere (受付番号 / Reference)', () => {
    const values = (tree: Tree) =>
      Object.fromEntries(
        flatKeys(tree)
          .filter((k) => k === 'reference' || k.endsWith('.reference'))
          .map((k) => [k, k.split('.').reduce<Tree | string>((t, part) => (t as Tree)[part], tree)]),
      );
    const ja_ = values(ja);
    expect(Object.keys(ja_).length).toBeGreaterThan(2);
    expect(new Set(Object.values(ja_))).toEqual(new Set(['受付番号']));
    expect(new Set(Object.values(values(en as Tree)))).toEqual(new Set(['Reference']));
  });

  it('no message is empty', () => {
    for (const tree of [ja, en] as Tree[]) {
      const empty = Object.entries(interpolations(tree)).filter(([k]) => {
        const v = k.split('.').reduce<string | Tree | undefined>((n, p) => (typeof n === 'object' ? n[p] : undefined), tree);
        return typeof v !== 'string' || v.trim() === '';
      });
      expect(empty).toEqual([]);
    }
  });
  it('calls the reference nothing but 受付番号: the only other 番号 are a device\'s 管理番号 and a phone number', () => {
    const flat = Object.fromEntries(
      flatKeys(ja as Tree).map((k) => [k, k.split('.').reduce<Tree | string>((t, part) => (t as Tree)[part], ja as Tree) as string]),
    );
    const others = Object.entries(flat).filter(([, v]) => v.replaceAll('受付番号', '').includes('番号'));
    for (const [k, v] of others) expect(`${k}: ${v}`).toMatch(/(deviceId|deviceIdLabel|deviceIdHelp|phone|contactHelp|keepReference)[^:]*: .*(端末・媒体の管理番号|管理番号など|電話番号|この番号)/u);
    expect(Object.values(flat).filter((v) => /参照番号|整理番号|報告番号|インシデント番号/u.test(v))).toEqual([]);
  });
});
