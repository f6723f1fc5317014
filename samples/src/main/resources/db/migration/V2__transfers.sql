ALTER TABLE account ADD COLUMN currency CHAR(3) DEFAULT 'EUR' NOT NULL;

CREATE TABLE transfer (
  id           BIGINT AUTO_INCREMENT PRIMARY KEY,
  from_account BIGINT        NOT NULL REFERENCES account (id),
  to_account   BIGINT        NOT NULL REFERENCES account (id),
  amount       DECIMAL(12,2) NOT NULL
);
