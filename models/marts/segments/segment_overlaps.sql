{#- One row per ordered pair of different segments: how many members they share, and that as
    a share of each and as a Jaccard index (shared / either). -#}

with

members as (

    select * from {{ ref('segment_memberships') }}

),

definitions as (

    select * from {{ ref('segment_definitions') }}

),

sizes as (

    select
        definitions.segment_name,
        count(members.customer_id) as member_count
    from definitions
    left outer join members
        on definitions.segment_name = members.segment_name
    group by definitions.segment_name

),

shared as (

    select
        members.segment_name,
        other_members.segment_name as other_segment_name,
        count(*) as shared_members
    from members
    inner join members as other_members
        on
            members.customer_id = other_members.customer_id
            and members.segment_name <> other_members.segment_name
    group by members.segment_name, other_members.segment_name

),

final as (

    select
        sizes.segment_name,
        other_sizes.segment_name as other_segment_name,
        coalesce(shared.shared_members, 0) as shared_members,
        sizes.member_count as segment_members,
        other_sizes.member_count as other_segment_members,
        cast(
            case
                when sizes.member_count > 0
                    then 1.0 * coalesce(shared.shared_members, 0) / sizes.member_count
            end as decimal(18, 6)
        ) as share_of_segment,
        cast(
            case
                when sizes.member_count + other_sizes.member_count > 0
                    then
                        1.0 * coalesce(shared.shared_members, 0)
                        / (
                            sizes.member_count + other_sizes.member_count
                            - coalesce(shared.shared_members, 0)
                        )
            end as decimal(18, 6)
        ) as jaccard_index
    from sizes
    inner join sizes as other_sizes
        on sizes.segment_name <> other_sizes.segment_name
    left outer join shared
        on
            sizes.segment_name = shared.segment_name
            and other_sizes.segment_name = shared.other_segment_name

)

select * from final
