// Placeholder until its page lands (issue 10).
const ManagedContentPage = () => <p>Managed content</p>;
export default ManagedContentPage;
