/**
 * The Open311 service list: one service per works domain, service_code = the domain id. No
 * service needs extra attributes (metadata=false); requests are created at once (realtime).
 */
import { DOMAINS, type Domain } from '../../domain';
import type { RoutingTable } from '../routing-table';

export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime' | 'batch' | 'blackbox';
  keywords: string;
  group: string;
}

const SERVICES: Record<Domain, { name: string; description: string; keywords: string }> = {
  roads: {
    name: 'Roads / الطرق',
    description: 'Potholes, damaged asphalt, road markings, traffic signals and street lighting on public roads.',
    keywords: 'pothole, asphalt, road, street, حفرة, شارع, طريق',
  },
  drainage: {
    name: 'Sewage and rain-water drainage / الصرف الصحي ومياه الأمطار',
    description: 'Sewage overflow, blocked drains, manholes and rain-water flooding.',
    keywords: 'sewage, drain, flood, manhole, مجاري, صرف, أمطار',
  },
  buildings: {
    name: 'Public buildings / المباني العامة',
    description: 'Maintenance of ministry-built public buildings: schools, health centres, government offices.',
    keywords: 'building, school, maintenance, مبنى, مدرسة',
  },
};

export function isServiceCode(code: string): code is Domain {
  return (DOMAINS as readonly string[]).includes(code);
}

export function serviceName(domain: Domain): string {
  return SERVICES[domain].name;
}

export function listServices(routing: RoutingTable): Open311Service[] {
  return DOMAINS.map((d) => ({
    service_code: d,
    service_name: SERVICES[d].name,
    description: SERVICES[d].description,
    metadata: false,
    type: 'realtime' as const,
    keywords: SERVICES[d].keywords,
    group: routing[d].name,
  }));
}
