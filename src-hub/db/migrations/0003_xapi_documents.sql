CREATE TABLE "xapi_documents" (
	"kind" text NOT NULL,
	"activity_id" text NOT NULL,
	"agent_ifi" text NOT NULL,
	"registration" text NOT NULL,
	"document_id" text NOT NULL,
	"content_type" text NOT NULL,
	"content" "bytea" NOT NULL,
	"etag" text NOT NULL,
	"updated" timestamp with time zone NOT NULL,
	"credential_key" text NOT NULL,
	CONSTRAINT "xapi_documents_kind_activity_id_agent_ifi_registration_document_id_pk" PRIMARY KEY("kind","activity_id","agent_ifi","registration","document_id")
);
