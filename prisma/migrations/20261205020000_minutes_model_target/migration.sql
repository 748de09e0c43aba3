-- The minutes model (issue 19 item 3) is registered, trained and served like the stat models: MINUTES becomes a
-- model target of the registry (models, model_events, training_runs). It is never a prop market.
ALTER TYPE "StatType" ADD VALUE IF NOT EXISTS 'MINUTES';
