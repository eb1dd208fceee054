// Allowed values of organisations and their members, shared by the database columns (check
// constraints), the API schemas and the UI. Each list is the single source; labels are what users read.

export const ORG_KINDS = ['enterprise', 'institution', 'operator', 'department'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

// 措施十三: the departments that evaluate institutions read their conversion figures. A supervisory
// department (主管部门, e.g. 省教育厅, 省卫生健康委) oversees the institutions linked to it; the
// provincial science department (省科技厅) oversees every institution. Operators create both; they
// read, never act on listings or deals.
export const DEPARTMENT_SCOPES = ['supervisory', 'provincial'] as const;
export type DepartmentScope = (typeof DEPARTMENT_SCOPES)[number];
export const DEPARTMENT_SCOPE_LABELS: Record<DepartmentScope, string> = {
  supervisory: '主管部门',
  provincial: '省科学技术厅',
};

export const VERIFICATION_STATUSES = ['pending_verification', 'verified', 'rejected'] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

export const SIZE_CLASSES = ['large', 'medium', 'small', 'micro'] as const;
export type SizeClass = (typeof SIZE_CLASSES)[number];
export const SIZE_CLASS_LABELS: Record<SizeClass, string> = {
  large: '大型企业',
  medium: '中型企业',
  small: '小型企业',
  micro: '微型企业',
};

export const OWNERSHIP_TYPES = ['state_wholly_owned', 'state_controlled', 'private', 'foreign'] as const;
export type OwnershipType = (typeof OWNERSHIP_TYPES)[number];
export const OWNERSHIP_TYPE_LABELS: Record<OwnershipType, string> = {
  state_wholly_owned: '国有全资',
  state_controlled: '国有控股',
  private: '民营',
  foreign: '外资',
};

// 措施十五 (职务科技成果向境外开展赋权和转化，应遵守技术出口等方面相关法律法规): where an organisation is
// registered — not who owns it. A mainland-registered 外资 enterprise is domestic for export control;
// a Hong Kong, Macao, Taiwan or foreign-registered one is not. Mainland organisations identify with a
// 统一社会信用代码; the others with their own registration number and country or region.
export const DOMICILES = ['mainland', 'hk_macao_taiwan', 'abroad'] as const;
export type Domicile = (typeof DOMICILES)[number];
export const DOMICILE_LABELS: Record<Domicile, string> = {
  mainland: '中国境内（内地）',
  hk_macao_taiwan: '港澳台地区',
  abroad: '境外（国外）',
};

// The places a `hk_macao_taiwan` organisation names as its country or region.
export const HK_MACAO_TAIWAN_REGIONS = ['中国香港', '中国澳门', '中国台湾'] as const;

export const INSTITUTION_TYPES = ['university', 'research_institute', 'hospital'] as const;
export type InstitutionType = (typeof INSTITUTION_TYPES)[number];
export const INSTITUTION_TYPE_LABELS: Record<InstitutionType, string> = {
  university: '高等学校',
  research_institute: '科研院所',
  hospital: '医疗卫生机构',
};

// 本措施所指科研单位包括省属高等学校、科研院所、医疗卫生机构，支持中央驻辽单位等参照本措施执行。
export const AFFILIATIONS = ['provincial', 'central_in_liaoning'] as const;
export type Affiliation = (typeof AFFILIATIONS)[number];
export const AFFILIATION_LABELS: Record<Affiliation, string> = {
  provincial: '省属',
  central_in_liaoning: '中央驻辽',
};

// `researcher`: a 成果完成人 invited by an institution (措施一、十二); sees only their own results, rights
// and rewards, never acts for the institution.
export const MEMBER_ROLES = ['admin', 'member', 'researcher'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];
export const MEMBER_ROLE_LABELS: Record<MemberRole, string> = {
  admin: '管理员',
  member: '工作人员',
  researcher: '科研人员（成果完成人）',
};

// Liaoning's 14 prefecture-level cities.
export const REGIONS = [
  'shenyang',
  'dalian',
  'anshan',
  'fushun',
  'benxi',
  'dandong',
  'jinzhou',
  'yingkou',
  'fuxin',
  'liaoyang',
  'panjin',
  'tieling',
  'chaoyang',
  'huludao',
] as const;
export type Region = (typeof REGIONS)[number];
export const REGION_LABELS: Record<Region, string> = {
  shenyang: '沈阳市',
  dalian: '大连市',
  anshan: '鞍山市',
  fushun: '抚顺市',
  benxi: '本溪市',
  dandong: '丹东市',
  jinzhou: '锦州市',
  yingkou: '营口市',
  fuxin: '阜新市',
  liaoyang: '辽阳市',
  panjin: '盘锦市',
  tieling: '铁岭市',
  chaoyang: '朝阳市',
  huludao: '葫芦岛市',
};
