// Placeholder until its page lands (issue 10).
const TemplatesPage = () => <p>Templates</p>;
export default TemplatesPage;
