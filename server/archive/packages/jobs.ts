// Registers the archive package jobs and the records-management hooks (imported by boot.ts).
import './packageJobs.ts';
import './evidenceJobs.ts';
import './fixity.ts';
import { registerAggregateHooks } from './aggregates.ts';
import { archiveStore } from './archiveConfig.ts';
import { registerActHooks } from './actPackage.ts';
import { registerTransferPackages } from './transferPackages.ts';
import { registerDestroyedPackageHooks } from './destroyedPackage.ts';
import { registerLegalHoldHooks } from './legalHolds.ts';

registerAggregateHooks(archiveStore);
registerActHooks(archiveStore);
registerTransferPackages();
registerDestroyedPackageHooks();
registerLegalHoldHooks();
