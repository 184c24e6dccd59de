-- How a delivered message left (smtp | pickup_folder | webhook), from its notification_sent event: the incident page
-- says "written to file" for the pickup folder, not "sent". Rows delivered before it was kept stay null.
alter table notification_outbox add column transport text null;
update notification_outbox set transport = 'webhook' where status = 'sent' and channel = 'webhook';
