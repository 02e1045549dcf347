using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore.Diagnostics;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Data.Auditing;

/// <summary>
/// ExecuteUpdate and ExecuteDelete write straight to the database and skip the change tracker, so
/// they would skip the audit trail too. This refuses them for actuals, targets, late notices and
/// absences, and refuses an ExecuteUpdate that touches an owner.
/// </summary>
internal sealed class AuditedBulkChangeGuard : IQueryExpressionInterceptor
{
    public static readonly AuditedBulkChangeGuard Instance = new();

    private static readonly HashSet<Type> FullyAudited = [typeof(Actual), typeof(Target), typeof(LateNotice), typeof(Absence)];

    private static readonly HashSet<MemberInfo> OwnerMembers =
    [
        typeof(Kpi).GetProperty(nameof(Kpi.OwnerId))!,
        typeof(Kpi).GetProperty(nameof(Kpi.DelegateId))!,
        typeof(Objective).GetProperty(nameof(Objective.OwnerId))!,
        typeof(Initiative).GetProperty(nameof(Initiative.OwnerId))!,
    ];

    public Expression QueryCompilationStarting(Expression queryExpression, QueryExpressionEventData eventData)
    {
        new Inspector().Visit(queryExpression);
        return queryExpression;
    }

    private sealed class Inspector : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            var name = node.Method.Name;
            if (name.StartsWith("ExecuteUpdate", StringComparison.Ordinal) || name.StartsWith("ExecuteDelete", StringComparison.Ordinal))
            {
                var entityType = node.Method.IsGenericMethod ? node.Method.GetGenericArguments()[0] : null;
                if (entityType is not null && FullyAudited.Contains(entityType))
                {
                    throw Refused($"{name} on {entityType.Name}");
                }

                if (name.StartsWith("ExecuteUpdate", StringComparison.Ordinal) &&
                    node.Arguments.Skip(1).Any(argument => new OwnerFinder().Touches(argument)))
                {
                    throw Refused($"{name} of an owner");
                }
            }

            return base.VisitMethodCall(node);
        }

        private static InvalidOperationException Refused(string what) => new(
            $"{what} would bypass the audit trail; load the entities and change them, then call SaveChanges.");
    }

    private sealed class OwnerFinder : ExpressionVisitor
    {
        private bool _found;

        public bool Touches(Expression expression)
        {
            Visit(expression);
            return _found;
        }

        protected override Expression VisitMember(MemberExpression node)
        {
            _found |= OwnerMembers.Contains(node.Member);
            return base.VisitMember(node);
        }

        protected override Expression VisitConstant(ConstantExpression node)
        {
            // Setters may arrive as a constant holding lambda expressions rather than as a tree.
            if (node.Value is IEnumerable<object> items)
            {
                foreach (var item in items)
                {
                    if (item is Expression inner)
                    {
                        Visit(inner);
                    }
                }
            }

            return base.VisitConstant(node);
        }
    }
}
