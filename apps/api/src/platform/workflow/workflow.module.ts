import { Module } from '@nestjs/common';
import { TransitionRunner } from './transition-runner';

/** The one write pipeline (TransitionRunner) for the features whose records change state. */
@Module({ providers: [TransitionRunner], exports: [TransitionRunner] })
export class WorkflowModule {}
