-- A message's outcome is recorded beside the message: on the stream its notification_queued event was appended
-- to. The row remembers that stream, so delivery knows nothing of escalation. Existing rows take it from the log.
alter table notification_outbox add column stream_id uuid;

update notification_outbox o set stream_id = e.stream_id
from mt_events e
where e.type = 'notification_queued' and (e.data->>'notificationId')::uuid = o.notification_id;

alter table notification_outbox alter column stream_id set not null;
