import type { BioData } from '@ctms/domain';

/** The encrypted `content_enc` blob of a screening. */
export interface ScreeningContent {
  metadataExtra?: {
    othersPresent?: { role: string; accompanyingInterviewee?: boolean }[];
    preferredInterviewerGender?: string;
    preferredInterviewerGenderHonoured?: boolean;
    /** free text about an informal or other crossing point (the column holds only the code) */
    crossingPointDetail?: string;
    /** a place the district list lacks (older free text is moved here, decision 0017) */
    districtDetail?: string;
  };
  interpreter?: Record<string, unknown>;
  bioData?: BioData;
  recruitment?: Record<string, unknown>;
  transit?: Record<string, unknown>;
  destinationAndExploitation?: Record<string, unknown> & { exploitationTypes?: string[] };
  exit?: Record<string, unknown>;
  needsAndRisks?: Record<string, unknown> & { servicesNeeded?: string[] };
  assessmentRationale?: string;
}
