-- cckm_refuse(message): raises data_corrupted (SQLSTATE XX001). A single statement calls it to refuse
-- what it finds wrong, and so rolls back everything it wrote: the backup commit calls it when the
-- bytes the table holds differ from the ones the worker proved. Prisma's schema does not describe
-- functions; this one is the project's own.
CREATE FUNCTION cckm_refuse(message TEXT) RETURNS BOOLEAN LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION USING ERRCODE = 'data_corrupted', MESSAGE = message;
END
$$;
