// The ML worker: TF.js models (BERT, the sequence recommender) train and run here, off the UI thread.
import * as Comlink from 'comlink';
import { createMlHandler } from './mlHandler';

Comlink.expose(createMlHandler());
