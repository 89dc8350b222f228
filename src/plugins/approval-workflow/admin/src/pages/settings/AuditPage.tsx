// Placeholder until its page lands (issue 10).
const AuditPage = () => <p>Audit trail</p>;
export default AuditPage;
