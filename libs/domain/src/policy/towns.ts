/** The reference town list of 秀洲区 (part of every policy; another district publishes its own). */
export const XIUZHOU_TOWNS = [
  { code: 'xincheng-jd', name: '新城街道' },
  { code: 'jiabei-jd', name: '嘉北街道' },
  { code: 'tanghui-jd', name: '塘汇街道' },
  { code: 'gaozhao-jd', name: '高照街道' },
  { code: 'wangjiangjing', name: '王江泾镇' },
  { code: 'youchegang', name: '油车港镇' },
  { code: 'xincheng-zhen', name: '新塍镇' },
  { code: 'wangdian', name: '王店镇' },
  { code: 'honghe', name: '洪合镇' },
  { code: 'hitech-zone', name: '秀洲国家高新区' },
] as const;

export interface Town {
  code: string;
  name: string;
}
