// Placeholder until its page lands (issue 10).
const GroupsPage = () => <p>Groups</p>;
export default GroupsPage;
