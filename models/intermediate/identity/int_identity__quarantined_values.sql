{#- One row per identifier value (identifier_type + match key) that identity resolution
    never links on, with the first reason that applies and the counts behind it:
    - placeholder: a value of seed placeholder_values (exact or pattern) that staging let by;
    - shared_by_accounts: seen with more distinct accounts of one account type (shop
      customer, payments customer, loyalty card, CRM contact, support user) than the type's
      supernode_threshold allows: a family tablet, a store's default phone;
    - shared_by_names: (types with name_check) its records carry first names that cannot be
      one person's (not equal, not a short form or typo of each other, not nicknames of
      one formal name in seed nicknames): an office mailbox, a family phone. -#}

with

observations as (

    select * from {{ ref('int_identity__observations') }}

),

value_first_names as (

    select * from {{ ref('int_identity__value_first_names') }}

),

nicknames as (

    select * from {{ ref('nicknames') }}

),

type_settings as (

    {{ identity_type_settings() }}

),

identifier_values as (

    select
        identifier_type,
        match_key,
        count(distinct source_name || ':' || record_id) as record_count
    from observations
    group by identifier_type, match_key

),

placeholders as (

    select
        identifier_type,
        match_key
    from identifier_values
    where
        {{ is_placeholder('lower(match_key)', 'text') }}
        or (identifier_type = 'email' and {{ is_placeholder('match_key', 'email') }})

),

record_accounts as (

    select distinct
        source_name,
        record_id,
        identifier_type as account_type,
        match_key as account_key
    from observations
    where identifier_type in (
            select type_settings.identifier_type
            from type_settings
            where type_settings.is_account
        )

),

accounts_per_value as (

    select
        observations.identifier_type,
        observations.match_key,
        record_accounts.account_type,
        count(distinct record_accounts.account_key) as account_count
    from observations
    inner join record_accounts
        on
            observations.source_name = record_accounts.source_name
            and observations.record_id = record_accounts.record_id
            and observations.identifier_type <> record_accounts.account_type
    group by
        observations.identifier_type,
        observations.match_key,
        record_accounts.account_type

),

most_accounts as (

    select
        identifier_type,
        match_key,
        max(account_count) as account_count
    from accounts_per_value
    group by identifier_type, match_key

),

shared_by_accounts as (

    select
        most_accounts.identifier_type,
        most_accounts.match_key
    from most_accounts
    inner join type_settings
        on most_accounts.identifier_type = type_settings.identifier_type
    where most_accounts.account_count > type_settings.supernode_threshold

),

name_checked_values as (

    select distinct
        value_first_names.identifier_type,
        value_first_names.match_key,
        value_first_names.first_name_key
    from value_first_names
    where value_first_names.identifier_type in (
            select type_settings.identifier_type
            from type_settings
            where type_settings.has_name_check
        )

),

first_name_counts as (

    select
        identifier_type,
        match_key,
        count(*) as first_name_count
    from name_checked_values
    group by identifier_type, match_key

),

value_name_pairs as (

    select
        name_a.identifier_type,
        name_a.match_key,
        name_a.first_name_key as first_name_a,
        name_b.first_name_key as first_name_b
    from name_checked_values as name_a
    inner join name_checked_values as name_b
        on
            name_a.identifier_type = name_b.identifier_type
            and name_a.match_key = name_b.match_key
            and name_a.first_name_key < name_b.first_name_key

),

name_pairs as (

    -- the relation test once per distinct pair of names rather than once per value
    {{ identity_related_first_names('value_name_pairs', 'nicknames') }}

),

shared_by_names as (

    select distinct
        value_name_pairs.identifier_type,
        value_name_pairs.match_key
    from value_name_pairs
    inner join name_pairs
        on
            value_name_pairs.first_name_a = name_pairs.first_name_a
            and value_name_pairs.first_name_b = name_pairs.first_name_b
    where name_pairs.is_related = 0

),

reasons as (

    select
        identifier_type,
        match_key,
        'placeholder' as reason,
        1 as reason_rank
    from placeholders
    union all
    select
        identifier_type,
        match_key,
        'shared_by_accounts' as reason,
        2 as reason_rank
    from shared_by_accounts
    union all
    select
        identifier_type,
        match_key,
        'shared_by_names' as reason,
        3 as reason_rank
    from shared_by_names

),

first_reason as (

    select
        identifier_type,
        match_key,
        min(reason_rank) as reason_rank,
        count(*) as reason_count
    from reasons
    group by identifier_type, match_key

),

final as (

    select
        first_reason.identifier_type,
        first_reason.match_key as identifier_value,
        reasons.reason,
        first_reason.reason_count,
        identifier_values.record_count,
        coalesce(most_accounts.account_count, 0) as account_count,
        coalesce(first_name_counts.first_name_count, 0) as first_name_count
    from first_reason
    inner join reasons
        on
            first_reason.identifier_type = reasons.identifier_type
            and first_reason.match_key = reasons.match_key
            and first_reason.reason_rank = reasons.reason_rank
    inner join identifier_values
        on
            first_reason.identifier_type = identifier_values.identifier_type
            and first_reason.match_key = identifier_values.match_key
    left join most_accounts
        on
            first_reason.identifier_type = most_accounts.identifier_type
            and first_reason.match_key = most_accounts.match_key
    left join first_name_counts
        on
            first_reason.identifier_type = first_name_counts.identifier_type
            and first_reason.match_key = first_name_counts.match_key

)

select * from final
