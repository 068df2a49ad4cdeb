{#- Literal cases for compile_segments: one tiny customer base, one segment per operator,
    window and combination, and the members each must have. Returns the differences. -#}
{%- set definitions = [
    {'name': 'op_eq', 'where': {'attribute': 'country_code', 'op': '=', 'value': 'US'}},
    {'name': 'op_ne', 'where': {'attribute': 'country_code', 'op': '!=', 'value': 'US'}},
    {'name': 'op_lt', 'where': {'attribute': 'net_revenue_365d', 'op': '<', 'value': 100}},
    {'name': 'op_lte', 'where': {'attribute': 'net_revenue_365d', 'op': '<=', 'value': 100}},
    {'name': 'op_gt', 'where': {'attribute': 'net_revenue_365d', 'op': '>', 'value': 100}},
    {'name': 'op_gte', 'where': {'attribute': 'customer_metrics.net_revenue_365d', 'op': '>=', 'value': 100}},
    {'name': 'op_in', 'where': {'attribute': 'country_code', 'op': 'in', 'value': ['FR', 'DE']}},
    {'name': 'op_not_in', 'where': {'attribute': 'country_code', 'op': 'not_in', 'value': ['US']}},
    {'name': 'op_between', 'where': {'attribute': 'net_revenue_365d', 'op': 'between', 'value': [50, 100]}},
    {'name': 'op_is_null', 'where': {'attribute': 'email', 'op': 'is_null'}},
    {'name': 'op_is_not_null', 'where': {'attribute': 'email', 'op': 'is_not_null'}},
    {'name': 'op_contains', 'where': {'attribute': 'email', 'op': 'contains', 'value': 'example'}},
    {'name': 'op_starts_with', 'where': {'attribute': 'first_name', 'op': 'starts_with', 'value': 'B'}},
    {'name': 'op_top_percent', 'where': {'attribute': 'net_revenue_365d', 'op': 'top_percent', 'value': 50}},
    {'name': 'op_top_percent_small', 'where': {'attribute': 'net_revenue_365d', 'op': 'top_percent', 'value': 40}},
    {'name': 'op_bottom_percent', 'where': {'attribute': 'net_revenue_365d', 'op': 'bottom_percent', 'value': 25}},
    {'name': 'group_not', 'where': {'not': {'attribute': 'country_code', 'op': '=', 'value': 'US'}}},
    {'name': 'group_any', 'where': {'any': [
        {'attribute': 'country_code', 'op': '=', 'value': 'FR'},
        {'attribute': 'net_revenue_365d', 'op': '>=', 'value': 500}]}},
    {'name': 'group_nested', 'where': {'all': [
        {'attribute': 'country_code', 'op': '=', 'value': 'US'},
        {'any': [{'attribute': 'email', 'op': 'is_null'},
                 {'attribute': 'net_revenue_365d', 'op': '>', 'value': 400}]}]}},
    {'name': 'act_count_30d', 'where': {'activity': 'order_placed', 'within_days': 30, 'op': '>=', 'value': 2}},
    {'name': 'act_any_time', 'where': {'activity': 'order_placed'}},
    {'name': 'act_count_zero', 'where': {'activity': 'order_placed', 'op': '<', 'value': 1}},
    {'name': 'act_sum_365d', 'where': {'activity': 'order_placed', 'measure': 'sum', 'within_days': 365, 'op': '>=', 'value': 300}},
    {'name': 'act_first_60d', 'where': {'activity': 'order_placed', 'measure': 'first', 'within_days': 60}},
    {'name': 'act_last_before', 'where': {'activity': 'order_placed', 'measure': 'last', 'op': '<', 'value': '2024-01-01'}},
    {'name': 'act_lapsed', 'where': {'all': [
        {'activity': 'order_placed'},
        {'not': {'activity': 'order_placed', 'measure': 'last', 'within_days': 180}}]}},
    {'name': 'act_24h', 'where': {'activity': ['email_opened', 'email_clicked'], 'within_hours': 24}},
    {'name': 'act_not_followed', 'where': {'activity': 'product_added', 'within_hours': 24, 'not_followed_by': 'order_placed'}},
    {'name': 'act_followed_2h', 'where': {'activity': 'product_added', 'followed_by': 'order_placed', 'followed_within_hours': 2}},
    {'name': 'act_filter', 'where': {'activity': 'order_placed', 'filter': [{'attribute': 'amount', 'op': '>', 'value': 250}]}},
    {'name': 'ref_segments', 'include_segments': ['op_eq'], 'exclude_segments': ['act_not_followed']},
    {'name': 'with_consent', 'where': {'attribute': 'net_revenue_365d', 'op': 'is_not_null'}, 'consent': 'email_marketing'},
    {'name': 'from_sql_model', 'sql_model': 'fixture_sql_segment', 'where': {'attribute': 'country_code', 'op': '=', 'value': 'US'}}
] -%}
{%- set inputs = {
    'profile_relations': [
        {'name': 'customers', 'relation': 'fixture_customers', 'columns': ['customer_id', 'country_code', 'email', 'first_name']},
        {'name': 'customer_metrics', 'relation': 'fixture_metrics', 'columns': ['customer_id', 'net_revenue_365d']}
    ],
    'activities': {'name': 'customer_activities', 'relation': 'fixture_activities',
        'columns': ['customer_id', 'activity_type', 'occurred_at', 'amount']},
    'consent': {'name': 'customer_consent', 'relation': 'fixture_consent', 'purpose_column': 'purpose', 'granted_condition': 'consent.is_granted'},
    'suppressed': {'name': 'suppressed', 'relation': 'fixture_suppressed'},
    'sql_segments': {'fixture_sql_segment': 'fixture_sql_segment'},
    'as_of': "'2024-06-30 12:00:00'"
} -%}

with

fixture_customers as (

    select fixture.* from (
        values
        ('c1', 'US', 'ann@example.com', 'Ann'),
        ('c2', 'FR', 'bob@shop.fr', 'Bob'),
        ('c3', 'US', null, 'Cy'),
        ('c4', 'DE', 'dan@example.com', null),
        ('c5', null, 'eve@mail.org', 'Eve'),
        ('c6', 'US', 'sue@example.com', 'Sue')
    ) as fixture (customer_id, country_code, email, first_name)

),

fixture_metrics as (

    select
        fixture.customer_id,
        cast(fixture.net_revenue_365d as decimal(18, 2)) as net_revenue_365d
    from (
        values ('c1', 500), ('c2', 100), ('c3', 50), ('c4', 0), ('c6', 1000)
    ) as fixture (customer_id, net_revenue_365d)

),

fixture_activities as (

    select
        fixture.customer_id,
        fixture.activity_type,
        cast(fixture.occurred_at as timestamp) as occurred_at,
        cast(fixture.amount as decimal(18, 2)) as amount
    from (
        values
        ('c1', 'order_placed', '2024-06-01 00:00:00', 200),
        ('c1', 'order_placed', '2024-06-29 10:00:00', 300),
        ('c1', 'product_added', '2024-06-30 08:00:00', null),
        ('c2', 'product_added', '2024-06-30 06:00:00', null),
        ('c2', 'order_placed', '2024-06-30 07:00:00', 100),
        ('c2', 'email_opened', '2024-05-01 00:00:00', null),
        ('c3', 'product_added', '2024-06-28 10:00:00', null),
        ('c3', 'order_placed', '2023-01-01 00:00:00', 30),
        ('c3', 'order_placed', '2023-02-01 00:00:00', 20),
        ('c4', 'email_clicked', '2024-06-30 11:00:00', null),
        ('c4', 'email_opened', '2024-06-20 00:00:00', null),
        ('c4', 'product_added', '2024-06-30 13:00:00', null),
        ('c6', 'product_added', '2024-06-30 09:00:00', null)
    ) as fixture (customer_id, activity_type, occurred_at, amount)

),

fixture_consent as (

    select fixture.* from (
        values
        ('c1', 'email_marketing', true),
        ('c2', 'email_marketing', false),
        ('c3', 'email_marketing', true),
        ('c4', 'sms_marketing', true)
    ) as fixture (customer_id, purpose, is_granted)

),

fixture_suppressed as (

    select 'c6' as customer_id

),

fixture_sql_segment as (

    select fixture.*
    from (values ('c1'), ('c2'), ('c3'), ('nobody')) as fixture (customer_id)

),

actual as (

    select
        compiled.segment_name,
        compiled.customer_id
    from ({{ compile_segments(definitions, inputs) }}) as compiled

),

expected as (

    select fixture.* from (
        values
        ('op_eq', 'c1'), ('op_eq', 'c3'),
        ('op_ne', 'c2'), ('op_ne', 'c4'),
        ('op_lt', 'c3'), ('op_lt', 'c4'),
        ('op_lte', 'c2'), ('op_lte', 'c3'), ('op_lte', 'c4'),
        ('op_gt', 'c1'),
        ('op_gte', 'c1'), ('op_gte', 'c2'),
        ('op_in', 'c2'), ('op_in', 'c4'),
        ('op_not_in', 'c2'), ('op_not_in', 'c4'),
        ('op_between', 'c2'), ('op_between', 'c3'),
        ('op_is_null', 'c3'),
        ('op_is_not_null', 'c1'), ('op_is_not_null', 'c2'), ('op_is_not_null', 'c4'),
        ('op_is_not_null', 'c5'),
        ('op_contains', 'c1'), ('op_contains', 'c4'),
        ('op_starts_with', 'c2'),
        ('op_top_percent', 'c1'), ('op_top_percent', 'c2'),
        ('op_top_percent_small', 'c1'),
        ('op_bottom_percent', 'c4'),
        ('group_not', 'c2'), ('group_not', 'c4'), ('group_not', 'c5'),
        ('group_any', 'c1'), ('group_any', 'c2'),
        ('group_nested', 'c1'), ('group_nested', 'c3'),
        ('act_count_30d', 'c1'),
        ('act_any_time', 'c1'), ('act_any_time', 'c2'), ('act_any_time', 'c3'),
        ('act_count_zero', 'c4'), ('act_count_zero', 'c5'),
        ('act_sum_365d', 'c1'),
        ('act_first_60d', 'c1'), ('act_first_60d', 'c2'),
        ('act_last_before', 'c3'),
        ('act_lapsed', 'c3'),
        ('act_24h', 'c4'),
        ('act_not_followed', 'c1'),
        ('act_followed_2h', 'c2'),
        ('act_filter', 'c1'),
        ('ref_segments', 'c3'),
        ('with_consent', 'c1'), ('with_consent', 'c3'),
        ('from_sql_model', 'c1'), ('from_sql_model', 'c3')
    ) as fixture (segment_name, customer_id)

),

missing as (

    select
        'missing' as problem,
        expected.segment_name,
        expected.customer_id
    from expected
    except
    select
        'missing' as problem,
        actual.segment_name,
        actual.customer_id
    from actual

),

unexpected as (

    select
        'unexpected' as problem,
        actual.segment_name,
        actual.customer_id
    from actual
    except
    select
        'unexpected' as problem,
        expected.segment_name,
        expected.customer_id
    from expected

)

select * from missing
union all
select * from unexpected
