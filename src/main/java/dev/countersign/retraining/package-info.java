/**
 * The model-retraining process: when a use case is due, dataset builds, fine-tune backends, jobs and
 * their workers. Uses datasets, promotion (model candidates), feedback (its event), oversight and system.
 */
package dev.countersign.retraining;
