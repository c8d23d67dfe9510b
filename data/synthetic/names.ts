/**
 * SYNTHETIC Chinese names from common name parts: shop "brands" of two auspicious characters
 * (鑫华, 宏达 …), personal names, estate suffixes. Any resemblance to a real business is chance.
 */
import type { Rng } from './prng';

const SURNAMES = [
  ...'王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严',
];
const GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华玉兰萍红建国志文海鹏飞斌宇浩凯云峰亮'];
const BRAND_CHARS = [...'鑫华盛宏兴福金顺安泰永恒嘉聚瑞德天利豫中汇万和隆佳新博富荣昌源达信诚康美旺丰祥辉润'];
const ESTATES = ['花园', '名苑', '华庭', '家园', '小区', '御府', '嘉园', '新城', '公馆', '雅居'];

export function brand(rng: Rng): string {
  const a = rng.pick(BRAND_CHARS);
  let b = rng.pick(BRAND_CHARS);
  while (b === a) b = rng.pick(BRAND_CHARS);
  return a + b;
}

export function surname(rng: Rng): string {
  return rng.pick(SURNAMES);
}

export function personName(rng: Rng): string {
  return surname(rng) + rng.pick(GIVEN) + (rng.chance(0.6) ? rng.pick(GIVEN) : '');
}

export function estate(rng: Rng): string {
  return rng.pick(ESTATES);
}

/** '吴城镇' → '吴城', '马村乡' → '马村'. */
export function shortTownshipName(name: string): string {
  return name.replace(/[镇乡]$/, '');
}
